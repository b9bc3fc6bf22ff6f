using PlexImprove.Core.Logs;

namespace PlexImprove.Plex.Restart;

/// <summary>
/// Reads a plugin's log (all rotations: a restart rolls the previous run into <c>.log.1</c>) to tell whether its
/// latest start loaded the code: <c>Started plug-in</c>, or <c>Exception while loading code</c> /
/// <c>Exception starting plug-in</c>.
/// </summary>
public static class PluginLoadChecker
{
    public const string StartingFramework = "Starting framework core";
    public const string StartedPlugin = "Started plug-in";
    public const string LoadingCodeFailed = "Exception while loading code";
    public const string StartingPluginFailed = "Exception starting plug-in";

    /// <summary>
    /// The outcome of the latest start at or after <paramref name="since"/> (local time, as logged), or of the
    /// latest start at all when <paramref name="since"/> is null. Null when no start is logged yet.
    /// </summary>
    public static PluginLoadResult? LatestStart(string logsDir, string plugin, DateTime? since)
    {
        var records = Records(logsDir, plugin)
            .Where(r => since is not { } s || r.Timestamp >= s)
            .ToList();
        int lastStart = records.FindLastIndex(r => r.Message.Contains(StartingFramework, StringComparison.Ordinal));
        var run = lastStart < 0 ? records : records.Skip(lastStart).ToList();
        var failure = run.FirstOrDefault(r => r.Message.Contains(LoadingCodeFailed, StringComparison.Ordinal)
            || r.Message.Contains(StartingPluginFailed, StringComparison.Ordinal));
        if (failure is not null)
        {
            string last = failure.ContinuationLines.LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
            return new PluginLoadResult(plugin, PluginLoadStatus.LoadFailed,
                $"{failure.Timestamp:yyyy-MM-dd HH:mm:ss} {failure.Message.Trim()}{(last.Length == 0 ? "" : " — " + last)}");
        }

        var started = run.LastOrDefault(r => r.Message.Contains(StartedPlugin, StringComparison.Ordinal));
        return started is null ? null : new PluginLoadResult(plugin, PluginLoadStatus.Started, $"Started plug-in at {started.Timestamp:yyyy-MM-dd HH:mm:ss}.");
    }

    /// <summary>Waits (polling the log) until the plugin logs a start outcome after <paramref name="since"/>, or the timeout.</summary>
    public static async Task<PluginLoadResult> WaitForStartAsync(
        string? logsDir, string plugin, DateTime since, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrEmpty(logsDir) || !Directory.Exists(logsDir))
        {
            return new PluginLoadResult(plugin, PluginLoadStatus.NotChecked,
                $"The plugin logs folder '{logsDir}' is not readable here; check '{plugin}.log' for 'Started plug-in' yourself (set Plex:LogsDir).");
        }

        long deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), time);
        while (true)
        {
            if (LatestStart(logsDir, plugin, since) is { } result)
            {
                return result;
            }

            if (time.GetTimestamp() >= deadline)
            {
                return new PluginLoadResult(plugin, PluginLoadStatus.NotStarted,
                    $"'{plugin}' logged no 'Started plug-in' within {timeout.TotalSeconds:0} s of the restart.");
            }

            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static IEnumerable<LogRecord> Records(string logsDir, string plugin)
    {
        if (!Directory.Exists(logsDir))
        {
            return [];
        }

        // Oldest rotation first so records come out in time order.
        return PluginLogFolder.Open(logsDir).Files
            .Where(f => string.Equals(f.Agent, plugin, StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => PluginLogReader.ReadRecords(f.Path));
    }
}
