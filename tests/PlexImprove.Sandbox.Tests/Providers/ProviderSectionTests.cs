using System.Text.Json;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Tests.Providers;

/// <summary>The box as a Plex 1.43: a section whose agent is a provider URL is refreshed through that provider.</summary>
public sealed class ProviderSectionTests
{
    [Fact]
    public async Task ASectionWithAProviderUrl_IsRefreshedThroughItsMatchAndMetadata_AndTheAgentsLogRecordsIt()
    {
        await using var provider = await RunningProvider.StartAsync();
        var scenario = Path.Combine(provider.Bundles.Root, "scenario");
        CopyTree(provider.Bundles.PluginsDir, Path.Combine(scenario, "Plug-ins"));
        File.WriteAllText(Path.Combine(scenario, "scenario.json"), JsonSerializer.Serialize(new
        {
            name = "provider",
            description = "a section served by a provider",
            sites = Array.Empty<object>(),
            sections = new[]
            {
                new
                {
                    id = 1, title = "Films", agent = ProviderFixtureBundles.MovieIdentifier, type = "movie",
                    provider = $"http://127.0.0.1:{provider.Host.Server.Port}/contractmovies",
                    items = new[] { new { file = "/data/Movies/Second Film (2021).mkv" } },
                },
            },
        }));
        await using var box = await SandboxRun.StartAsync(scenario);

        await box.RefreshAsync("1");

        var item = box.Host.Library.Find("1")!;
        Assert.Equal(("Second Film", 2021, "tv.plex.agents.custom.contractmovies://movie/if2"), (item.Title, item.Year, item.Guid));
        Assert.Equal("Summary of Second Film in en, seen as Second Film", item.Summary);
        Assert.Contains("search name=Second Film year=2021 filename=/data/Movies/Second%20Film%20%282021%29.mkv", provider.Bundles.ReadLog(ProviderFixtureBundles.MovieIdentifier), StringComparison.Ordinal);
    }

    [Fact]
    public void AProviderThatIsNotAnHttpUrl_IsRefusedNamingTheField()
    {
        using var bundles = new ProviderFixtureBundles();
        File.WriteAllText(Path.Combine(bundles.Root, "scenario.json"), JsonSerializer.Serialize(new
        {
            name = "bad", sites = Array.Empty<object>(),
            sections = new[] { new { id = 1, title = "Films", agent = ProviderFixtureBundles.MovieIdentifier, provider = "ftp://x/y", items = new[] { new { file = "/data/a.mkv" } } } },
        }));

        var error = Assert.Throws<ScenarioManifestException>(() => ScenarioLoader.Load(bundles.Root));

        Assert.Contains("sections[0].provider", error.Message, StringComparison.Ordinal);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
