using System.Text.Json;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Tests.TestSupport;
using PlexImprove.Sandbox.Hosting;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary><c>plex status</c> against Plex in a box, where one bundle breaks Plex's loader rules.</summary>
public sealed class PlexStatusAgainstSandboxTests
{
    [Fact]
    public async Task PlexStatus_ReportsABundleThatFailedToLoad_WhileTheSandboxKeepsServing()
    {
        using var dir = new TempDirectory();
        var scenario = Path.Combine(dir.Path, "scenario");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "scenarios", "demo"), scenario);
        var code = Path.Combine(scenario, "Plug-ins", "GayEmpire.bundle", "Contents", "Code", "__init__.py");
        File.AppendAllText(code, "\n_cache = {}\n");
        await using var host = await SandboxHost.StartAsync(
            new SandboxOptions { ScenarioRoot = scenario, Dir = Path.Combine(dir.Path, "run"), Port = 0, Token = "status-token-81f2" },
            await TestPython.RuntimeAsync(TestContext.Current.CancellationToken),
            TimeProvider.System, TestContext.Current.CancellationToken);
        foreach (var section in new[] { 3, 4 })
        {
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Add("X-Plex-Token", "status-token-81f2");
            using var response = await http.GetAsync($"{host.Connection.Url}/library/sections/{section}/refresh", TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        await host.Refreshes.WhenIdleAsync(TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(dir.Path, new Dictionary<string, string> { ["PLEX_TOKEN"] = "status-token-81f2" },
            "plex", "status", "--url", host.Connection.Url, "--logs", host.Connection.LogsDir, "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var plugins = json.RootElement.GetProperty("plugins").EnumerateArray()
            .ToDictionary(p => p.GetProperty("plugin").GetString()!, p => p.GetProperty("status").GetString());
        Assert.Equal("loadFailed", plugins["com.plexapp.agents.GayEmpire"]);
        Assert.Equal("started", plugins["com.plexapp.agents.HomoActive"]);
        Assert.Equal("notStarted", plugins["com.plexapp.agents.GEVI"]);
        Assert.Equal(4, json.RootElement.GetProperty("sections").GetArrayLength());
        Assert.DoesNotContain("status-token-81f2", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
