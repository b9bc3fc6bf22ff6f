using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Hosting.Install;
using PlexImprove.Testing;
using Xunit;

namespace PlexImprove.Cli.Tests.Hosting;

/// <summary>
/// The program binds its settings with code generated at build time (no reflection at start-up); these tests hold that
/// binding to the reflection binder's on every setting there is, so a setting added later is covered too.
/// </summary>
public sealed class SettingsBindingTests
{
    [Fact]
    public void EverySetting_IsBoundAsTheReflectionBinderBindsIt()
    {
        using var home = new TempDirectory();
        var path = home.File("appsettings.json");
        File.WriteAllText(path, SampleFor(typeof(AppSettings), "").ToJsonString());

        var generated = CliContext.Load(InstallLayout.ForRepository(home.Path)).Settings;
        var reflected = new ConfigurationBuilder().AddJsonFile(path).AddEnvironmentVariables("PLEXIMPROVE__").Build().Get<AppSettings>()!;

        Assert.Equal(Json(reflected), Json(generated));
        Assert.NotEqual(Json(new AppSettings()), Json(generated));
    }

    [Fact]
    public void TheShippedSettings_AreBoundAsTheReflectionBinderBindsThem()
    {
        using var home = new TempDirectory();
        var path = home.File("appsettings.json");
        File.Copy(Path.Combine(RepositoryPaths.Root(), "appsettings.json"), path);

        var generated = CliContext.Load(InstallLayout.ForRepository(home.Path)).Settings;
        var reflected = new ConfigurationBuilder().AddJsonFile(path).AddEnvironmentVariables("PLEXIMPROVE__").Build().Get<AppSettings>()!;

        Assert.Equal(Json(reflected), Json(generated));
    }

    [Fact]
    public void AValueOfTheWrongType_IsBadInputNamingTheSetting()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("appsettings.json"), """{ "Test": { "FailedItems": "abc" } }""");

        var error = Assert.Throws<InvalidDataException>(() => CliContext.Load(InstallLayout.ForRepository(home.Path)));

        Assert.Contains("Test:FailedItems", error.Message, StringComparison.Ordinal);
    }

    private static string Json(AppSettings settings) => JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>A value for every settable property of <paramref name="type"/>, each different from its default.</summary>
    private static JsonNode SampleFor(Type type, string name)
    {
        if (type == typeof(string))
        {
            return JsonValue.Create($"value-of-{name}")!;
        }

        if (type == typeof(bool))
        {
            return JsonValue.Create(true)!;
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return JsonValue.Create(7 + name.Length)!;
        }

        if (type == typeof(double))
        {
            return JsonValue.Create(0.25 + (name.Length / 1000.0))!;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return new JsonObject { ["KEY_ONE"] = $"{name}-1", ["KEY_TWO"] = $"{name}-2" };
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            return new JsonArray(SampleFor(element, name + "0"), SampleFor(element, name + "1"));
        }

        var node = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            node[property.Name] = SampleFor(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, property.Name);
        }

        return node;
    }
}
