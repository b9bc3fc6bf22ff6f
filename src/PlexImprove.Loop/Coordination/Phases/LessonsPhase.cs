using PlexImprove.Agent.Reflection;
using PlexImprove.Core.IO;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Coordination.Phases;

/// <summary>Phase 5, lessons: the brain turns measured outcomes into scored DO / DON'T rules. In: the post-mortem, the run's lessons. Out: the updated lessons, a copy in the iteration folder.</summary>
internal sealed class LessonsPhase(RunContext run)
{
    private readonly RunContext _run = run;

    /// <summary>Reflects on the iteration's measured outcomes (once: a copy in the iteration folder means it was done).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var iterationCopy = Path.Combine(_run.IterationDir, RunLessons.FileName);
        if (File.Exists(iterationCopy))
        {
            // Reflected before the process stopped: the iteration's copy is the result.
            _run.Lessons.Save(Agent.Lessons.LessonBook.Load(iterationCopy));
            return;
        }

        var book = _run.Lessons.Load();
        var measured = _run.FixesOf(_run.State.Iteration).Where(f => f.Status is FixState.Kept or FixState.Monitor or FixState.RolledBack).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var outcomes = PostMortemPhase.Build(_run).Outcomes.Where(o => measured.Contains(o.Fix.Id)).ToList();
        if (outcomes.Count > 0)
        {
            _run.Observe(LoopPhase.Lessons, $"reflecting on {outcomes.Count} measured outcome(s)");
            var operations = await _run.Services.Brain.ReflectAsync(new ReflectionRequest { Iteration = _run.State.Iteration, Outcomes = outcomes, Lessons = book }, ct).ConfigureAwait(false);
            foreach (var change in book.Apply(operations))
            {
                _run.State.CurrentLessonChanges.Add(change);
                _run.Decide("lessons", "lesson", change);
            }
        }
        else
        {
            _run.Decide("lessons", "no lesson", $"No fix of iteration {_run.State.Iteration} was measured, so no rule can be promoted or demoted.");
        }

        AtomicFile.WriteAllText(iterationCopy, book.ToMarkdown());
        _run.Lessons.Save(book);
    }
}
