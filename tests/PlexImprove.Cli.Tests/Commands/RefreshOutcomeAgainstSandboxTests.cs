using System.Text.Json;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>
/// <c>refresh --wait</c> as a real process against Plex in a box: each item's outcome comes from the agent's session
/// in the plugin log and from what Plex shows, not from Plex saying the refresh finished.
/// </summary>
public sealed class RefreshOutcomeAgainstSandboxTests
{
    private const string Token = "refresh-token-8b2f";

    [Fact]
    public async Task RefreshWait_ReportsMatchedFailedAndPluginNotLoaded_WithTotals_AndExitsOne()
    {
        await using var cli = await CliAgainstSandbox.StartAsync(Token, useProjectPython: false);
        var aebn = await KeysAsync(cli.Url, 2);
        var healthy = await KeysAsync(cli.Url, 4);

        var mixed = await cli.RunAsync(["refresh", "--wait", "--json", "--item", .. aebn, .. healthy]);

        Assert.True(mixed.ExitCode == ExitCodes.WorkFailed, mixed.Stdout + mixed.Stderr);
        using (var json = JsonDocument.Parse(mixed.Stdout))
        {
            var items = json.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("ratingKey").GetString()!);
            Assert.All(healthy, k => Assert.Equal("matched", items[k].GetProperty("outcome").GetString()));
            var bad = aebn.Select(k => items[k]).Where(i => i.GetProperty("outcome").GetString() is "failed" or "crashed").ToList();
            Assert.NotEmpty(bad);
            Assert.All(bad, i => Assert.Matches("^[\\w-]+ \\w+: .+", i.GetProperty("detail").GetString()!));
            Assert.All(items.Values, i => Assert.Equal("completed", i.GetProperty("refresh").GetProperty("status").GetString()));
            var totals = json.RootElement.GetProperty("totals");
            Assert.Equal(aebn.Count + healthy.Count, totals.EnumerateObject().Sum(p => p.Value.GetInt32()));
        }

        // A load error in the agent's code: Plex still "finishes" the refresh, the agent never runs.
        var code = cli.AgentCode("HomoActive");
        File.WriteAllText(code, "raise ImportError('broken by hand')\n" + File.ReadAllText(code));
        var restart = await cli.RunAsync("restart", "--method", "plugin", "--plugin", "com.plexapp.agents.HomoActive");
        var unloaded = await cli.RunAsync("refresh", "--wait", "--item", healthy[0]);

        Assert.Equal(ExitCodes.WorkFailed, restart.ExitCode);
        Assert.True(unloaded.ExitCode == ExitCodes.WorkFailed, unloaded.Stdout + unloaded.Stderr);
        Assert.Contains("plugin not loaded", unloaded.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 item(s): 1 plugin not loaded.", unloaded.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, mixed.Stdout + mixed.Stderr + unloaded.Stdout + unloaded.Stderr, StringComparison.Ordinal);
    }

    private static async Task<List<string>> KeysAsync(string url, int section)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Plex-Token", Token);
        http.DefaultRequestHeaders.Add("Accept", "application/json");
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"{url}/library/sections/{section}/all", TestContext.Current.CancellationToken));
        return [.. doc.RootElement.GetProperty("MediaContainer").GetProperty("Metadata").EnumerateArray().Select(m => m.GetProperty("ratingKey").GetString()!)];
    }
}
