using PlexImprove.Agent.Lessons;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Tests.Support;

namespace PlexImprove.Loop.Tests.Coordination;

public sealed class RunLessonsTests
{
    private const string Seed = "## diagnose\n\n- **DO** Keep one rule. (id `diagnose-keep`, score 3)\n- **DON'T** Prune me. (id `diagnose-prune`, score 1)\n";

    [Fact]
    public void MergeInto_RunChangesWin_PrunedRulesGo_RulesAddedMeanwhileStay()
    {
        using var work = new TempDirectory();
        var shared = Path.Combine(work.Path, "shared.md");
        File.WriteAllText(shared, Seed);
        var lessons = new RunLessons(Path.Combine(work.Path, "run"));
        Directory.CreateDirectory(Path.Combine(work.Path, "run"));
        lessons.Seed(shared);
        var book = lessons.Load();
        book.Apply([
            new LessonOperation { Kind = LessonOperationKind.Confirm, RuleId = "diagnose-keep", Evidence = new LessonEvidence { Iteration = 1, FixId = "f", Delta = "success 0% → 100%" } },
            new LessonOperation { Kind = LessonOperationKind.Contradict, RuleId = "diagnose-prune", Evidence = new LessonEvidence { Iteration = 1, FixId = "f", Delta = "http 429 0 → 90" } },
        ]);
        lessons.Save(book);
        File.AppendAllText(shared, "- **DO** Added by hand. (id `diagnose-by-hand`, score 2)\n");

        lessons.MergeInto(shared);

        var merged = LessonBook.Load(shared);
        Assert.Equal(4, merged.Find("diagnose-keep")!.Score);
        Assert.Null(merged.Find("diagnose-prune"));
        Assert.NotNull(merged.Find("diagnose-by-hand"));
    }

    [Fact]
    public void Seed_KeepsTheRunsOwnCopyOnResume()
    {
        using var work = new TempDirectory();
        var lessons = new RunLessons(work.Path);
        lessons.Seed(null);
        File.AppendAllText(lessons.Path, "\n## test\n\n- **DO** Learned in this run. (id `test-run`, score 2)\n");

        lessons.Seed(null);

        Assert.NotNull(lessons.Load().Find("test-run"));
    }
}
