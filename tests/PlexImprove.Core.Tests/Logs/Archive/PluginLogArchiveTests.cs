using PlexImprove.Core.Logs.Archive;
using PlexImprove.Core.Metrics;
using Xunit;

namespace PlexImprove.Core.Tests.Logs.Archive;

public sealed class PluginLogArchiveTests
{
    private const string Agent = "com.plexapp.agents.GEVI";

    private static string Line(int second, string message, string level = "INFO") =>
        $"2026-03-02 18:41:{second:00},512 (7f3a2c1fe700) :  {level} (logkit:16) - {message}\n";

    private static string Start(int second) => Line(second, $"Starting framework core - Version: 2.6.3, Build: start {second}", "INFO");

    /// <summary>What Plex does at every plug-in start: .log.4 → .log.5 … .log → .log.1 (the oldest dropped), then a new .log.</summary>
    private static void Rotate(string live, string firstLine)
    {
        var log = Path.Combine(live, Agent + ".log");
        File.Delete(log + ".5");
        for (int n = 4; n >= 1; n--)
        {
            if (File.Exists($"{log}.{n}"))
            {
                File.Move($"{log}.{n}", $"{log}.{n + 1}");
            }
        }

        File.Move(log, log + ".1");
        File.WriteAllText(log, firstLine);
    }

    [Fact]
    public void Sync_AfterMoreRestartsThanPlexKeepsRotations_KeepsEveryLineItRead_Once()
    {
        using var dir = new TempDirectory();
        var live = dir.Sub("live");
        var log = Path.Combine(live, Agent + ".log");
        File.WriteAllText(log, Start(0) + Line(1, "HTTPError: HTTP Error 403: Forbidden", "CRITICAL"));
        var archive = new PluginLogArchive(dir.File("run", PluginLogArchive.FolderName), live);

        archive.Sync(TestContext.Current.CancellationToken);
        File.AppendAllText(log, Line(2, "written after the first read"));
        for (int restart = 0; restart < 8; restart++)
        {
            Rotate(live, Start(10 + restart));
            archive.Sync(TestContext.Current.CancellationToken);
        }

        var live403 = Directory.GetFiles(live).Any(f => File.ReadAllText(f).Contains("403", StringComparison.Ordinal));
        var text = File.ReadAllText(Path.Combine(archive.Folder, Agent + ".log"));
        Assert.False(live403);
        Assert.Equal(1, Count(text, "HTTP Error 403"));
        Assert.Equal(1, Count(text, "written after the first read"));
        Assert.Equal(9, Count(text, "Starting framework core"));
        Assert.True(text.IndexOf("403", StringComparison.Ordinal) < text.IndexOf("written after", StringComparison.Ordinal));
    }

    [Fact]
    public void Sync_ALineStillBeingWritten_IsArchivedOnlyOnceItIsComplete()
    {
        using var dir = new TempDirectory();
        var live = dir.Sub("live");
        var log = Path.Combine(live, Agent + ".log");
        File.WriteAllText(log, Start(0) + "2026-03-02 18:41:01,512 (7f3a2c1fe700) :  INFO (logkit:16) - half");
        var archive = new PluginLogArchive(dir.File("archive"), live);

        var first = archive.Update(TestContext.Current.CancellationToken).Copied;
        File.AppendAllText(log, " a line\n");
        var second = archive.Update(TestContext.Current.CancellationToken).Copied;

        Assert.Equal(1, first.Lines);
        Assert.Equal(1, second.Lines);
        Assert.Equal(1, Count(File.ReadAllText(Path.Combine(archive.Folder, Agent + ".log")), "half a line"));
    }

    [Fact]
    public void Sync_PastItsCap_StopsWithTheCapAndTheNextStep_AndArchivesNoneOfTheNewLines()
    {
        using var dir = new TempDirectory();
        var live = dir.Sub("live");
        var log = Path.Combine(live, Agent + ".log");
        File.WriteAllText(log, Start(0));
        var archive = new PluginLogArchive(dir.File("archive"), live, maxBytes: 1024);
        archive.Sync(TestContext.Current.CancellationToken);
        var before = File.ReadAllText(Path.Combine(archive.Folder, Agent + ".log"));

        File.AppendAllText(log, string.Concat(Enumerable.Range(1, 40).Select(i => Line(i % 60, "filler line " + i))));
        var error = Assert.Throws<LogArchiveFullException>(() => archive.Sync(TestContext.Current.CancellationToken));

        Assert.Contains("Loop:LogArchiveMaxMiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was lost", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(archive.Folder, Agent + ".log")));
    }

    [Fact]
    public void Sync_AfterAProcessKilledBetweenAppendAndIndex_ArchivesEachLineOnce()
    {
        using var dir = new TempDirectory();
        var live = dir.Sub("live");
        var log = Path.Combine(live, Agent + ".log");
        File.WriteAllText(log, Start(0));
        var archive = new PluginLogArchive(dir.File("archive"), live);
        archive.Sync(TestContext.Current.CancellationToken);
        File.AppendAllText(log, Line(1, "new failure"));

        // A killed process appended the new line but never saved the index.
        File.AppendAllText(Path.Combine(archive.Folder, Agent + ".log"), Line(1, "new failure"));
        archive.Sync(TestContext.Current.CancellationToken);

        Assert.Equal(1, Count(File.ReadAllText(Path.Combine(archive.Folder, Agent + ".log")), "new failure"));
    }

    [Fact]
    public void ResolveLogsDir_ARunFolderWithAnArchive_MeansItsArchive_AndTheAggregatorReadsIt()
    {
        using var dir = new TempDirectory();
        var live = dir.Sub("live");
        File.WriteAllText(Path.Combine(live, Agent + ".log"), Start(0) + Line(1, "Searching for matches for {'name': 'Dune'}"));
        var run = dir.Sub("run");
        new PluginLogArchive(PluginLogArchive.FolderOf(run), live).Sync(TestContext.Current.CancellationToken);

        var resolved = PluginLogArchive.ResolveLogsDir(run);
        var metrics = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = resolved }, cancellationToken: TestContext.Current.CancellationToken).Metrics;

        Assert.Equal(PluginLogArchive.FolderOf(run), resolved);
        Assert.Equal(live, PluginLogArchive.ResolveLogsDir(live));
        Assert.Contains(metrics.Files, f => f.Agent == Agent && f.Records == 2);
    }

    private static int Count(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
