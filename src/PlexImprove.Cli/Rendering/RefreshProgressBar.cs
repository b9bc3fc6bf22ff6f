using PlexImprove.Plex.Refresh;
using Spectre.Console;

namespace PlexImprove.Cli.Rendering;

/// <summary>An item-count progress bar on stderr for refreshes, shown only when a person is watching a terminal.</summary>
public static class RefreshProgressBar
{
    public static async Task<T> RunAsync<T>(string description, int total, bool show, Func<IProgress<RefreshProgress>?, Task<T>> work)
    {
        if (!show || !ProgressBar.IsInteractive || total == 0)
        {
            return await work(null).ConfigureAwait(false);
        }

        var console = ConsoleFactory.For(Console.Error, interactive: true);
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(description, maxValue: total);
                return await work(new Progress<RefreshProgress>(p =>
                {
                    task.Value = p.Done;
                    task.Description = p.InFlight > 0 ? $"{description} ({p.InFlight} in flight)" : description;
                })).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }
}
