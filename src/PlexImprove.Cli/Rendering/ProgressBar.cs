using Spectre.Console;

namespace PlexImprove.Cli.Rendering;

/// <summary>A byte-based progress bar on stderr, shown only when a person is watching a terminal.</summary>
public static class ProgressBar
{
    /// <summary>Progress is shown to a person at a terminal, or anywhere when <c>--progress</c> asked for it.</summary>
    public static bool IsInteractive => Forced || (!Console.IsOutputRedirected && !Console.IsErrorRedirected);

    /// <summary>Set by the global <c>--progress</c> option: show progress and retries even on a pipe.</summary>
    public static bool Forced { get; set; }

    public static T Run<T>(string description, long totalBytes, Func<IProgress<long>, T> work)
    {
        var console = ConsoleFactory.For(Console.Error, interactive: true);
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(description, maxValue: totalBytes);
                return work(new TaskProgress(task));
            });
    }

    private sealed class TaskProgress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
