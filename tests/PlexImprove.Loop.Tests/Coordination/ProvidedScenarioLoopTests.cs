using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;
using PlexImprove.Plex.Models;

namespace PlexImprove.Loop.Tests.Coordination;

/// <summary>
/// The whole loop on an agent the box serves as a Custom Metadata Provider (the built-in <c>provided</c> scenario): the
/// playbook diagnoses it from its plug-in log and the API's answer, the fix reaches the provider through the box's plug-in
/// restart, and the box's items end matched by the provider.
/// </summary>
public sealed class ProvidedScenarioLoopTests
{
    private const string ProviderGuidPrefix = "tv.plex.agents.custom.";

    [Fact]
    public async Task PlaybookLoop_RepairsTheProviderServedAgent_AndEveryItemOfTheBoxEndsMatchedByItsProvider()
    {
        using var work = new TempDirectory();
        var observer = new RecordingObserver();
        IReadOnlyList<PlexItem> before = [];
        IReadOnlyList<PlexItem> after = [];

        var result = await DemoRunner.RunAsync(new DemoOptions
        {
            WorkDir = work.Path,
            ScenarioRoot = Path.Combine(AppContext.BaseDirectory, "scenarios", "provided"),
            Python = await TestPython.RuntimeAsync(TestContext.Current.CancellationToken),
            Brain = (fetcher, _, _) => new PlaybookBrain(new PlaybookBrainOptions { Fetcher = fetcher }),
            ResumeCommand = "plex-improve demo --resume",
            Observers = [observer],
            BeforeLoop = async (plex, _, ct) => before = await ItemsAsync(plex, ct),
            AfterLoop = async (plex, _, ct) => after = await ItemsAsync(plex, ct),
        }, TestContext.Current.CancellationToken);

        var state = result.State;
        string story = string.Join("\n", observer.Events) + "\n" + File.ReadAllText(result.ReportPath);
        Assert.True(state.Final!.Overall.Rate > state.Baseline!.Overall.Rate, story);
        Assert.True(state.Final.Overall.Rate >= 0.95, story);
        Assert.True(state.Fixes.Any(f => f.Agents.Contains("com.plexapp.agents.FestivalDB") && f.Status == FixState.Kept), story);
        Assert.Equal(16, before.Count);
        Assert.DoesNotContain(before, i => i.Guid!.StartsWith(ProviderGuidPrefix, StringComparison.Ordinal));
        Assert.Equal(16, after.Count);
        Assert.All(after, i => Assert.StartsWith(ProviderGuidPrefix, i.Guid, StringComparison.Ordinal));
        Assert.All(after, i => Assert.False(string.IsNullOrEmpty(i.Summary), $"{i.Title} has no summary\n{story}"));
    }

    private static async Task<IReadOnlyList<PlexItem>> ItemsAsync(PlexImprove.Plex.Client.PlexClient plex, CancellationToken ct)
    {
        var items = new List<PlexItem>();
        foreach (var section in await plex.GetSectionsAsync(ct))
        {
            items.AddRange(await plex.GetSectionItemsAsync(section.Key, cancellationToken: ct));
        }

        return items;
    }
}
