using System.Text.Json;
using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Restart;
using PlexImprove.Sandbox.Hosting;

namespace PlexImprove.Agent.Tests.Tools;

/// <summary>The Plex and site tools against Plex in a box: the emulated server, real Python 2.7 agents, fake sites routed by Host.</summary>
public sealed class SandboxToolsTests
{
    [Fact]
    public async Task PlexAndSiteTools_AgainstTheDemoSandbox_WorkEndToEnd()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Path.Combine(Path.GetTempPath(), "plex-improve-agent-sandbox-" + Guid.NewGuid().ToString("N")[..8]);
        var python = await TestPython.RuntimeAsync(ct);
        await using var host = await SandboxHost.StartAsync(
            new SandboxOptions { ScenarioRoot = Path.Combine(AppContext.BaseDirectory, "scenarios", "demo"), Dir = dir, Port = 0, Token = "tool-tests" },
            python, TimeProvider.System, ct);
        var connection = host.Connection;
        using var fetcher = new PageFetcher(new PageFetcherOptions
        {
            HostOverrides = host.Sites.SiteMap.ToDictionary(kv => kv.Key, kv => new Uri($"http://127.0.0.1:{kv.Value}/")),
        });
        var registry = ToolRegistry.Create(new ToolEnvironment
        {
            PluginsDir = connection.PluginsDir,
            LogsDir = connection.LogsDir,
            WorkDir = Path.Combine(dir, "work"),
            LessonsPath = Path.Combine(dir, "lessons_learned.md"),
            PythonFactory = TestPython.RuntimeAsync,
            PlexClientFactory = () => new PlexClient(new PlexClientOptions { BaseUrl = new Uri(connection.Url), Token = connection.Token, ClientIdentifier = "tool-tests" }),
            RestartMethod = RestartMethod.Plugin,
            PageFetcher = fetcher,
        });

        try
        {
            var status = await registry.CallAsync(ToolNames.PlexStatus);
            Assert.Contains("\"agent\":\"com.plexapp.agents.GEVI\"", status, StringComparison.Ordinal);
            Assert.DoesNotContain("tool-tests", status, StringComparison.Ordinal);

            var items = await registry.CallAsync(ToolNames.PlexFindItems, ("title", "Crude"), ("section", "1"));
            using var found = JsonDocument.Parse(items);
            var ratingKey = found.RootElement.GetProperty("items")[0].GetProperty("ratingKey").GetString()!;

            var refreshed = await registry.CallAsync(ToolNames.PlexRefreshItems, ("ratingKeys", ratingKey));
            Assert.Contains($"\"ratingKey\":\"{ratingKey}\"", refreshed, StringComparison.Ordinal);
            Assert.Contains("\"status\":\"completed\"", refreshed, StringComparison.OrdinalIgnoreCase);

            var restarted = await registry.CallAsync(ToolNames.RestartPlex, ("plugins", "com.plexapp.agents.GEVI"));
            Assert.Contains("Plex answers again; every named plugin loaded.", restarted, StringComparison.Ordinal);

            var page = await registry.CallAsync(ToolNames.FetchPage, ("url", "http://www.gayeroticvideoindex.example/search?query=Crude"), ("agent", "GEVI"));
            using var fetched = JsonDocument.Parse(page);
            Assert.False(fetched.RootElement.TryGetProperty("error", out _), page);
            Assert.NotEqual(0, fetched.RootElement.GetProperty("status").GetInt32());
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the sandbox's processes may still hold a log file for a moment.
            }
        }
    }
}
