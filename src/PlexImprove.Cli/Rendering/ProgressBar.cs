using Spectre.Console;

namespace PlexImprove.Cli.Rendering;

/// <summary>A byte-based progress bar on stderr, shown only when a person is watching a terminal.</summary>
public static class ProgressBar
{
    public static bool IsInteractive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

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
