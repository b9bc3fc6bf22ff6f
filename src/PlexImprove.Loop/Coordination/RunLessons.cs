using PlexImprove.Agent.Lessons;
using PlexImprove.Core.IO;

namespace PlexImprove.Loop.Coordination;

/// <summary>
/// The run's own lesson book: <c>&lt;work&gt;/lessons_learned.md</c>, seeded from the shared file when the run starts
/// (a copy of the seed is kept as <c>lessons_seed.md</c>), changed only by measured outcomes, and merged back into
/// the shared file on request.
/// </summary>
public sealed class RunLessons
{
    public const string FileName = "lessons_learned.md";
    public const string SeedCopyName = "lessons_seed.md";

    private readonly string _workDir;

    public RunLessons(string workDir) => _workDir = workDir;

    public string Path => System.IO.Path.Combine(_workDir, FileName);

    /// <summary>Creates the run's copy from <paramref name="seedPath"/> unless it exists (a resumed run keeps its own).</summary>
    public void Seed(string? seedPath)
    {
        if (File.Exists(Path))
        {
            return;
        }

        var seed = seedPath is not null && File.Exists(seedPath) ? File.ReadAllText(seedPath) : LessonBook.Empty.ToMarkdown();
        LessonBook.Parse(seed, seedPath ?? "lessons");
        AtomicFile.WriteAllText(System.IO.Path.Combine(_workDir, SeedCopyName), seed);
        AtomicFile.WriteAllText(Path, seed);
    }

    public LessonBook Load() => LessonBook.Load(Path);

    public void Save(LessonBook book) => AtomicFile.WriteAllText(Path, book.ToMarkdown());

    /// <summary>
    /// Merges the run's book into <paramref name="sharedPath"/>: the run's rules win; rules someone added to the shared
    /// file during the run (not in the seed copy) are kept; rules the run pruned are removed.
    /// </summary>
    /// <returns>How many rules the shared file holds afterwards.</returns>
    public int MergeInto(string sharedPath)
    {
        var run = Load();
        var seedIds = LessonBook.Load(System.IO.Path.Combine(_workDir, SeedCopyName)).Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var shared = LessonBook.Load(sharedPath);
        var merged = run.Rules.ToList();
        merged.AddRange(shared.Rules.Where(r => !seedIds.Contains(r.Id) && run.Find(r.Id) is null));
        var book = new LessonBook(merged);
        AtomicFile.WriteAllText(sharedPath, book.ToMarkdown());
        return book.Rules.Count;
    }
}
