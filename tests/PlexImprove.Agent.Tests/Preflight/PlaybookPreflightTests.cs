using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Preflight;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Preflight;

/// <summary>The playbook with a pre-flight: candidates run before they are proposed; the first that makes a failing item match wins.</summary>
public sealed class PlaybookPreflightTests
{
    private const string Code = "class Films(Agent.Movies):\n    name = 'Films'\n\n    def search(self, results, media, lang):\n        pass\n";

    [Fact]
    public async Task FirstCandidateMatchingNothing_IsSkipped_AndTheNextCandidateIsProposedWithItsPreflight()
    {
        using var agent = Failing();
        var preflight = new CountingPreflight(("first", 0), ("second", 2));

        var report = await agent.DiagnoseAsync(null, preflight: preflight, rules: [new TwoCandidates(agent.CodeRelative)]);

        var fix = Assert.Single(report.Fixes);
        Assert.Equal("second", fix.Id);
        Assert.Equal("preflight: 2/2 failing items now match", fix.Preflight!.Summary);
        Assert.Equal(["first", "second"], preflight.Ran);
        Assert.Contains(report.Notes, n => n.StartsWith("first: preflight: 0/2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CandidatesThatMatchNothing_AreNotProposed_AndTheSignatureSaysWhy()
    {
        using var agent = Failing();

        var report = await agent.DiagnoseAsync(null, preflight: new CountingPreflight(("first", 0), ("second", 0)), rules: [new TwoCandidates(agent.CodeRelative)]);

        Assert.Empty(report.Fixes);
        var uncovered = Assert.Single(report.Uncovered);
        Assert.Contains("candidate first was run before proposing it and refused, preflight: 0/2 failing items now match", uncovered.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreflightRunsOnTheFailingItemsTheLogsName_WithPlexsArguments()
    {
        using var agent = Failing();
        var preflight = new CountingPreflight(("first", 1), ("second", 1));

        await agent.DiagnoseAsync(null, preflight: preflight, rules: [new TwoCandidates(agent.CodeRelative)]);

        Assert.Equal(["Night Train", "Day Boat"], preflight.Items.Select(i => i.Name).Order(StringComparer.Ordinal).Reverse());
    }

    private static FixtureAgent Failing() => new FixtureAgent("Films", Code)
        .FailedSearch("Night Train", "https://films.example.org/find?q=Night+Train", "Error: no results")
        .FailedSearch("Day Boat", "https://films.example.org/find?q=Day+Boat", "Error: no results");

    /// <summary>A rule that proposes two alternative patches for every signature of the agent.</summary>
    private sealed class TwoCandidates(string file) : IPlaybookRule
    {
        public string Name => "two-candidates";

        public Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
        {
            var ids = agent.Signatures.Select(s => s.Id).ToList();
            return Task.FromResult<IReadOnlyList<RuleProposal>>([RuleProposal.For(Fix("first", agent.Agent), ids), RuleProposal.For(Fix("second", agent.Agent), ids)]);
        }

        private FixProposal Fix(string id, string agent) => new()
        {
            Id = id,
            Title = id,
            Agents = [agent],
            RootCause = "test",
            ExpectedVsObserved = new ExpectedVsObserved { Expected = "matches", Observed = "failures", DivergencePoint = "test" },
            Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = [new PatchEdit { File = file, Old = "pass", New = "pass  # " + id }] },
        };
    }

    /// <summary>A pre-flight whose outcome per fix id the test sets: that many of the items match.</summary>
    private sealed class CountingPreflight(params (string Fix, int Matches)[] outcomes) : IFixPreflight
    {
        public List<string> Ran { get; } = [];

        public List<PreflightItem> Items { get; } = [];

        public int MaxItems => 5;

        public Task<PreflightResult> RunAsync(PreflightRequest request, CancellationToken cancellationToken)
        {
            Ran.Add(request.Fix.Id);
            Items.Clear();
            Items.AddRange(request.Items);
            var matches = outcomes.Single(o => o.Fix == request.Fix.Id).Matches;
            return Task.FromResult(new PreflightResult
            {
                FixId = request.Fix.Id,
                Agent = request.Agent,
                Ran = true,
                Items = [.. request.Items.Select((item, i) => new PreflightItemResult { Item = item, Outcome = i < matches ? PreflightItemOutcome.Matched : PreflightItemOutcome.NoMatch })],
            });
        }
    }
}
