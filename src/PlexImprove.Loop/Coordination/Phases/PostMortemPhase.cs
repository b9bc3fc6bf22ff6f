using PlexImprove.Core.Comparison;
using PlexImprove.Loop.PostMortem;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Coordination.Phases;

/// <summary>Phase 5: expected against measured results per fix. In: the iteration's fix records and test reports. Out: <c>post_mortem_analysis.md</c>.</summary>
internal static class PostMortemPhase
{
    /// <summary>Expected against measured for every fix of the iteration that was tried or had a reason not to be.</summary>
    public static PostMortemReport Build(RunContext run)
    {
        var inputs = run.FixesOf(run.State.Iteration)
            .Where(f => f.Status != FixState.NotApplicable || f.Reason is not null)
            .Select(f => new PostMortemInput(run.Proposal(f), f, f.TestReport is { } path ? TestReportWriter.Deserialize(File.ReadAllText(Path.Combine(run.Store.WorkDir, path))) : null))
            .ToList();
        return PostMortemBuilder.Build(run.State.Iteration, inputs);
    }

    public static void Run(RunContext run)
    {
        run.Observe(LoopPhase.PostMortem, "expected vs actual");
        PostMortemWriter.Write(run.IterationDir, Build(run));
    }
}
