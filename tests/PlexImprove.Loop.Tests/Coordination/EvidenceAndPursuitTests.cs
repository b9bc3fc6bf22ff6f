using PlexImprove.Core.Logs.Archive;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Exit;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;
using PlexImprove.Plex.Refresh;
using static PlexImprove.Loop.Tests.Support.AebnTitleFix;

namespace PlexImprove.Loop.Tests.Coordination;

/// <summary>The run keeps every log line it read, pursues every agent failing at baseline, and names those it leaves failing.</summary>
public sealed class EvidenceAndPursuitTests
{
    private const string Gevi = "com.plexapp.agents.GEVI";
    private const string GeviCode = "GEVI.bundle/Contents/Code/__init__.py";

    private static Agent.Diagnosis.FixProposal BreaksLoading(string id, string agent, string file) =>
        ScriptedBrain.Edit(id, agent, file, "import utils\n", "import utils\nimport plexbox_helper_that_does_not_exist\n");

    [Fact]
    public async Task AFailureInALogRotatedAwayByRestarts_StillReachesTheNextDiagnosis()
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);
        var brain = new ScriptedBrain([BreaksLoading("missing-import", Aebn, AebnCode)]);

        // After the rollback, more restarts than Plex keeps rotations: the baseline's lines leave every live file.
        var restarts = new RestartAfterRollback(sandbox, Aebn, times: 6);
        var loop = await sandbox.CoordinatorAsync(brain, Aebn, observers: restarts);

        var result = await loop.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(6, restarts.Done);
        Assert.Equal(2, brain.Diagnoses.Count);
        var (first, second) = (brain.Diagnoses[0].Aggregation.Metrics, brain.Diagnoses[1].Aggregation.Metrics);
        var liveNow = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = sandbox.Host.Connection.LogsDir, Until = first.Window.Until, Agents = [Aebn] }, cancellationToken: TestContext.Current.CancellationToken).Metrics;
        Assert.Equal(0, liveNow.Agents.GetValueOrDefault(Aebn)?.Started ?? 0);
        Assert.True(first.Agents[Aebn].Started > first.Agents[Aebn].Succeeded);
        Assert.Equal((first.Agents[Aebn].Started, first.Agents[Aebn].Succeeded), (second.Agents[Aebn].Started, second.Agents[Aebn].Succeeded));
        Assert.Equal(first.Signatures.Select(s => s.Id).Order(), second.Signatures.Select(s => s.Id).Order());
        Assert.Equal(PluginLogArchive.FolderOf(work.Path), brain.Diagnoses[1].LogsDir);
        Assert.Equal(FixState.RolledBack, Assert.Single(result.State.Fixes).Status);
    }

    [Fact]
    public async Task AnAgentWithNoFreshSessions_IsRefreshedAndDiagnosed_AndTheExitNamesEveryAgentLeftFailing()
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);

        // Iteration 1 changes GEVI only: nothing refreshes AEBN's items, so its window in iteration 2 holds no session.
        var brain = new ScriptedBrain([BreaksLoading("gevi-missing-import", Gevi, GeviCode)]);
        var loop = await sandbox.CoordinatorForAsync(brain, [Aebn, Gevi]);

        var result = await loop.RunAsync(TestContext.Current.CancellationToken);

        var state = result.State;
        Assert.Equal(2, brain.Diagnoses.Count);
        var second = brain.Diagnoses[1].Aggregation.Metrics;
        Assert.True(second.Agents[Aebn].Started > second.Agents[Aebn].Succeeded, "AEBN's failed items were refreshed before the diagnosis");
        Assert.Equal(2, state.Pursuit[Aebn].RefreshedIn);
        Assert.True(state.Pursuit[Aebn].RefreshedItems > 0);
        Assert.Equal(2, state.Pursuit[Aebn].DiagnosedFreshIn);
        Assert.Null(state.Pursuit[Gevi].RefreshedIn);
        Assert.Contains(new LoopStateStore(work.Path).LoadDecisions().Decisions, d => d.What == "refresh failing" && d.Rationale.StartsWith(Aebn, StringComparison.Ordinal));

        Assert.Equal(ExitCondition.NothingLeft, state.ExitCondition);
        Assert.Contains("Declared unfixable", state.ExitReason, StringComparison.Ordinal);
        Assert.Equal([Aebn, Gevi], state.LeftFailing.Select(a => a.Agent));
        Assert.All(state.LeftFailing, a => Assert.StartsWith("unfixable: diagnosed in iteration 2 on ", a.Why, StringComparison.Ordinal));
        var report = File.ReadAllText(result.ReportPath);
        Assert.Contains($"still failing: {Aebn}", report, StringComparison.Ordinal);
        Assert.Contains($"still failing: {Gevi}", report, StringComparison.Ordinal);
    }

    [Fact]
    public void LeftFailing_NamesWhyForEachAgent_FromItsFixes()
    {
        var state = new LoopState
        {
            Brain = "scripted",
            PluginsDir = "/p",
            LogsDir = "/l",
            PlexUrl = "http://127.0.0.1:32400",
            StartedAt = DateTimeOffset.UnixEpoch,
            ExitCondition = ExitCondition.Plateau,
            Baseline = new MetricsSnapshot
            {
                Agents = new SortedDictionary<string, AgentRate>(StringComparer.Ordinal)
                {
                    ["com.plexapp.agents.A"] = AgentRate.Of(1, 4, 0),
                    ["com.plexapp.agents.B"] = AgentRate.Of(0, 4, 0),
                    ["com.plexapp.agents.C"] = AgentRate.Of(2, 4, 0),
                    ["com.plexapp.agents.D"] = AgentRate.Of(4, 4, 0),
                },
            },
        };
        state.Current = new MetricsSnapshot
        {
            Agents = new SortedDictionary<string, AgentRate>(state.Baseline.Agents, StringComparer.Ordinal) { ["com.plexapp.agents.C"] = AgentRate.Of(4, 4, 1) },
        };
        FailingAgents.Track(state);
        state.Fixes.Add(new FixRecord { Id = "a-headers", Iteration = 1, Title = "headers", Agents = ["A"], Status = FixState.RolledBack, Reason = "429s rose" });
        state.Fixes.Add(new FixRecord { Id = "b-selector", Iteration = 1, Title = "selector", Agents = ["com.plexapp.agents.B"] });

        var left = FailingAgents.LeftFailing(state);

        Assert.Equal(["com.plexapp.agents.A", "com.plexapp.agents.B"], left.Select(a => a.Agent));
        Assert.Contains("its fix a-headers was rolled back: 429s rose", left[0].Why, StringComparison.Ordinal);
        Assert.Contains("the run ended (plateau) before its fix b-selector was tried", left[1].Why, StringComparison.Ordinal);
        Assert.Equal((0, 4), (left[1].Succeeded, left[1].Started));
    }

    [Fact]
    public async Task AFixRefusedBeforeApply_IsNeverWritten_AndKeepsTheReason()
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);
        var original = File.ReadAllBytes(sandbox.Code("AEBN"));
        var brain = new ScriptedBrain([ScriptedBrain.Edit("aebn-title", Aebn, AebnCode, TitleLine, TitleFix)]);
        var check = new RefuseEveryFix("pre-flight: 0/5 failing items now match");
        var loop = await sandbox.CoordinatorForAsync(brain, [Aebn], [check]);

        var result = await loop.RunAsync(TestContext.Current.CancellationToken);

        var fix = Assert.Single(result.State.Fixes);
        Assert.Equal(["aebn-title"], check.Seen);
        Assert.Equal(FixState.NotApplicable, fix.Status);
        Assert.Equal("pre-flight: 0/5 failing items now match", fix.Reason);
        Assert.Null(fix.AppliedAt);
        Assert.Equal(original, File.ReadAllBytes(sandbox.Code("AEBN")));
    }

    /// <summary>A before-apply check that refuses every fix with the same reason.</summary>
    private sealed class RefuseEveryFix(string reason) : IBeforeApply
    {
        public List<string> Seen { get; } = [];

        public Task<string?> CheckAsync(FixRecord record, Agent.Diagnosis.FixProposal proposal, CancellationToken cancellationToken)
        {
            Seen.Add(proposal.Id);
            return Task.FromResult<string?>(reason);
        }
    }

    /// <summary>Restarts a plug-in several times once a fix of it was rolled back, as a user or Plex itself might.</summary>
    private sealed class RestartAfterRollback(SandboxLoop sandbox, string plugin, int times) : ILoopObserver
    {
        public int Done { get; private set; }

        public void OnPhase(int iteration, LoopPhase phase, string detail)
        {
        }

        public void OnFix(int iteration, string fixId, FixStep step, string detail)
        {
            if (step == FixStep.Done && detail == "rolled_back" && Done == 0)
            {
                for (; Done < times; Done++)
                {
                    sandbox.RestartPlugin(plugin);
                }
            }
        }

        public void OnRefresh(RefreshProgress progress)
        {
        }
    }
}
