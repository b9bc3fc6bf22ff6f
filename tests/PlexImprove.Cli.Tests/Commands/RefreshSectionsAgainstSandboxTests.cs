using System.Text.Json;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>
/// A fresh Plex in a box, as a new user meets it: before any refresh, aggregate and diagnose say to refresh first
/// (with the command); then whole sections are refreshed by id or by agent, with the same outcome report as items.
/// </summary>
public sealed class RefreshSectionsAgainstSandboxTests
{
    private const string Token = "sections-token-4c1d";

    [Fact]
    public async Task FreshBox_AggregateAndDiagnoseSayRefreshFirst_ThenSectionsAndAgentsRefreshWhole()
    {
        await using var cli = await CliAgainstSandbox.StartAsync(Token);

        var aggregate = await cli.RunAsync("aggregate");
        var diagnose = await cli.RunAsync("diagnose");

        Assert.Contains("refresh --all --wait", aggregate.Stderr, StringComparison.Ordinal);
        Assert.True(diagnose.ExitCode == ExitCodes.NeedsUser, diagnose.Stdout + diagnose.Stderr);
        Assert.Contains("Refresh items first", diagnose.Stderr, StringComparison.Ordinal);
        Assert.Contains("refresh --all --wait", diagnose.Stderr, StringComparison.Ordinal);

        var sections = await SectionsAsync(cli.Url);
        var (section, agent) = sections.First(s => sections.Count(o => o.Agent == s.Agent) == 1);
        var items = await KeysAsync(cli.Url, section);

        var bySection = await cli.RunAsync("refresh", "--section", section, "--wait", "--json");
        var byAgent = await cli.RunAsync("refresh", "--agent", agent, "--wait", "--json");

        Assert.Equal(items.Order(), RatingKeys(bySection.Stdout).Order());
        Assert.Equal(items.Order(), RatingKeys(byAgent.Stdout).Order());
        Assert.Equal(0, (await cli.RunAsync("aggregate")).ExitCode);
    }

    [Fact]
    public async Task Refresh_UnknownSectionOrAgentOrTwoWaysAtOnce_ExitsTwo()
    {
        await using var cli = await CliAgainstSandbox.StartAsync(Token);

        var section = await cli.RunAsync("refresh", "--section", "999");
        var agent = await cli.RunAsync("refresh", "--agent", "NoSuchAgent");
        var both = await cli.RunAsync("refresh", "--item", "1", "--all");
        var none = await cli.RunAsync("refresh");

        Assert.Equal(ExitCodes.BadInput, section.ExitCode);
        Assert.Contains("no section '999'. Its sections: ", section.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, agent.ExitCode);
        Assert.Contains("com.plexapp.agents.NoSuchAgent", agent.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, both.ExitCode);
        Assert.Equal(ExitCodes.BadInput, none.ExitCode);
        Assert.Contains("--section ID", none.Stderr, StringComparison.Ordinal);
    }

    private static List<string> RatingKeys(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("ratingKey").GetString()!)];
    }

    private static async Task<List<(string Key, string Agent)>> SectionsAsync(string url)
    {
        using var doc = JsonDocument.Parse(await GetAsync($"{url}/library/sections"));
        return [.. doc.RootElement.GetProperty("MediaContainer").GetProperty("Directory").EnumerateArray().Select(d => (d.GetProperty("key").GetString()!, d.GetProperty("agent").GetString()!))];
    }

    private static async Task<List<string>> KeysAsync(string url, string section)
    {
        using var doc = JsonDocument.Parse(await GetAsync($"{url}/library/sections/{section}/all"));
        return [.. doc.RootElement.GetProperty("MediaContainer").GetProperty("Metadata").EnumerateArray().Select(m => m.GetProperty("ratingKey").GetString()!)];
    }

    private static async Task<string> GetAsync(string url)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Plex-Token", Token);
        http.DefaultRequestHeaders.Add("Accept", "application/json");
        return await http.GetStringAsync(url, TestContext.Current.CancellationToken);
    }
}
