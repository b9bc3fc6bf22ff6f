using System.Text.Json;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Tests.Support;

/// <summary>
/// One demo run interrupted at four points, each a different way, then finished — run once for every test that reads
/// its outcome, because a whole demo is the slowest thing the tests do:
/// stopped as by Ctrl+C at the diagnosis (in this process); resumed by the real program in a child process, which is
/// killed hard (the whole process tree) once a fix is applied but not yet tested; resumed and stopped at the
/// post-mortem, then at the final measurement (in this process); resumed to the end by the real program.
/// </summary>
public sealed class InterruptedDemoRun : IAsyncLifetime
{
    /// <summary>How long one leg of the run may take on a slow, loaded machine before the run counts as hung.</summary>
    private static readonly TimeSpan LegPatience = TimeSpan.FromMinutes(6);

    private readonly TempDirectory _home = new();
    private readonly List<LoopStatus> _statusAfterEachStop = [];
    private readonly List<string> _unreadableAfterKill = [];

    public string Work => Path.Combine(_home.Path, "run");

    /// <summary>The saved status after each stop as by Ctrl+C, in order (diagnosis, post-mortem, final measurement).</summary>
    public IReadOnlyList<LoopStatus> StatusAfterEachStop => _statusAfterEachStop;

    /// <summary>The state saved when the program was killed, with a fix applied and not yet tested.</summary>
    public LoopState AtKill { get; private set; } = null!;

    /// <summary>The decision log as the kill left it.</summary>
    public IReadOnlyList<Decision> DecisionsAtKill { get; private set; } = [];

    /// <summary>JSON files in the work folder that did not parse right after the kill.</summary>
    public IReadOnlyList<string> UnreadableAfterKill => _unreadableAfterKill;

    /// <summary>The exit code of the program that resumed the run to its end, and what it printed.</summary>
    public (int ExitCode, string Output) LastResume { get; private set; }

    public LoopState Final { get; private set; } = null!;

    public string Report { get; private set; } = "";

    public LoopStateStore Store => new(Work);

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        ProgramProcess.LinkPython(_home.Path);

        await StopAsync("phase Diagnose", resume: false, ct);

        using (var killed = ProgramProcess.Start(_home.Path, "demo", "--resume", "--work", Work))
        {
            bool applied = await killed.WaitUntilAsync(() => TryLoad() is { CurrentFix: not null, CurrentStep: FixStep.Applied or FixStep.Restarted }, LegPatience, ct);
            await killed.KillAsync(ct);
            if (!applied)
            {
                throw new InvalidOperationException("The resumed demo ended before a fix was applied:\n" + killed.Output);
            }
        }

        _unreadableAfterKill.AddRange(UnreadableJson());
        AtKill = Store.Load()!;
        DecisionsAtKill = Store.LoadDecisions().Decisions;

        await StopAsync("phase PostMortem", resume: true, ct);
        await StopAsync("phase Final", resume: true, ct);

        using (var last = ProgramProcess.Start(_home.Path, "demo", "--resume", "--work", Work))
        {
            LastResume = (await last.ExitCodeAsync(LegPatience, ct), last.Output);
        }

        Final = Store.Load()!;
        Report = await File.ReadAllTextAsync(Path.Combine(Work, "final_improvement_report.md"), ct);
    }

    /// <summary>JSON files anywhere in the work folder that do not parse.</summary>
    public IEnumerable<string> UnreadableJson()
    {
        foreach (var file in Directory.EnumerateFiles(Work, "*.json", SearchOption.AllDirectories))
        {
            string? error = null;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            }
            catch (JsonException e)
            {
                error = $"{file}: {e.Message}";
            }

            if (error is not null)
            {
                yield return error;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _home.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs (or resumes) the demo in this process and cancels it, as Ctrl+C does, when <paramref name="stopAt"/> is reported.</summary>
    private async Task StopAsync(string stopAt, bool resume, CancellationToken ct)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var observer = new RecordingObserver(line => line.Contains(stopAt, StringComparison.Ordinal), cancel);
        try
        {
            await DemoRunner.RunAsync(PlaybookDemo.Options(Work, observer, resume), cancel.Token).WaitAsync(LegPatience, ct);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            _statusAfterEachStop.Add(Store.Load()!.Status);
            return;
        }

        throw new InvalidOperationException($"The demo ended without reaching '{stopAt}':\n" + string.Join("\n", observer.Events));
    }

    private LoopState? TryLoad()
    {
        try
        {
            return Store.Load();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or IncompatibleWorkFolderException)
        {
            return null;
        }
    }
}
