using PlexImprove.Cli.Hosting;
using PlexImprove.Loop.State;
using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary><c>demo --scenario NAME</c>: the whole loop on another built-in scenario, in the real program.</summary>
public sealed class DemoScenarioOptionTests
{
    [Fact]
    public async Task DemoOnTheProvidedScenario_RepairsTheProviderServedAgent_AndEndsWithEveryItemMatched()
    {
        using var home = new TempDirectory();
        Directory.CreateDirectory(home.File(".tools"));
        File.CreateSymbolicLink(home.File(".tools", "python2.7"), Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7"));

        var result = await CliRunner.RunAsync(home.Path, "demo", "--scenario", "provided", "--work", "run", "--brain", "playbook");

        var story = $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}";
        Assert.True(result.ExitCode == ExitCodes.Ok, story);
        Assert.Contains("scenario provided", result.Stderr, StringComparison.Ordinal);
        var state = new LoopStateStore(home.File("run")).Load()!;
        Assert.True(state.Baseline!.Overall.Rate < state.Final!.Overall.Rate, story);
        Assert.True(state.Final.Overall.Rate >= 0.95, story);
        Assert.Contains(state.Fixes, f => f.Agents.Contains("com.plexapp.agents.FestivalDB") && f.Status == FixState.Kept);
    }

    [Fact]
    public async Task DemoOnAnUnknownScenario_ExitsTwoNamingTheCatalogue()
    {
        using var home = new TempDirectory();

        var result = await CliRunner.RunAsync(home.Path, "demo", "--scenario", "no-such-scenario", "--work", "run");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("'no-such-scenario' is neither a built-in scenario", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("provided", result.Stderr, StringComparison.Ordinal);
    }
}
