using System.Globalization;
using System.Text.RegularExpressions;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Logs;

namespace PlexImprove.Loop.Coordination;

/// <summary>
/// How long a fix's live test must wait so it does not start inside a site's <c>Retry-After</c>: after the last
/// <c>HTTP Error 429</c> of the fix's agents (the previous test's burst included), the site refuses everything until its
/// Retry-After has passed, and a pacing fix measured in that time would be rolled back for 429s it did not cause.
/// The Retry-After comes from the log record (agents that log the header), else from the fix's evidence (the page the
/// diagnosis fetched), else <see cref="AssumedRetryAfter"/>; the wait never exceeds the configured bound.
/// </summary>
public static partial class RetryAfterWait
{
    /// <summary>The Retry-After assumed when neither the log nor the evidence names one.</summary>
    public static readonly TimeSpan AssumedRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The default bound of the wait (<c>Test:RetryAfterMaxWaitSeconds</c>).</summary>
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(60);

    /// <summary>The last rate-limit refusal in an agent's log: when it was logged and the Retry-After it named, if any.</summary>
    public sealed record LastRefusal(DateTime At, TimeSpan? RetryAfter);

    /// <summary>
    /// The time left to wait at <paramref name="now"/>; zero when no refusal is recent. A Retry-After read in the log
    /// wins over one in the evidence, which wins over <see cref="AssumedRetryAfter"/>.
    /// </summary>
    public static TimeSpan Remaining(LastRefusal? last, IReadOnlyList<FixEvidence> evidence, DateTime now, TimeSpan maxWait)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (last is null || maxWait <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var retryAfter = last.RetryAfter ?? FromEvidence(evidence) ?? AssumedRetryAfter;
        var left = last.At + retryAfter - now;
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left > maxWait ? maxWait : left;
    }

    /// <summary>
    /// Waits on <paramref name="time"/> until the Retry-After of <paramref name="last"/> has passed (at most
    /// <paramref name="maxWait"/>), after telling <paramref name="announce"/> how long; returns the time waited.
    /// </summary>
    public static async Task<TimeSpan> WaitAsync(LastRefusal? last, IReadOnlyList<FixEvidence> evidence, TimeProvider time, TimeSpan maxWait, Action<TimeSpan> announce, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(announce);
        var wait = Remaining(last, evidence, time.GetLocalNow().DateTime, maxWait);
        if (wait > TimeSpan.Zero)
        {
            announce(wait);
            await Task.Delay(wait, time, ct).ConfigureAwait(false);
        }

        return wait;
    }

    /// <summary>The largest <c>Retry-After: N</c> the fix's evidence quotes (the diagnosis read it on the site's 429 answer).</summary>
    public static TimeSpan? FromEvidence(IReadOnlyList<FixEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence.Select(e => RetryAfterValue(e.Excerpt)).Where(v => v is not null).Max();
    }

    /// <summary>The last <c>HTTP Error 429</c> record of <paramref name="agents"/> in <paramref name="logsDir"/> at or after <paramref name="since"/>; null when none.</summary>
    public static LastRefusal? FindLast(string logsDir, IReadOnlyList<string> agents, DateTime? since, CancellationToken ct)
    {
        if (!Directory.Exists(logsDir))
        {
            return null;
        }

        var from = since?.ToString(PluginLogFormat.TimestampFormat, CultureInfo.InvariantCulture);
        LastRefusal? last = null;
        foreach (var file in PluginLogFolder.Open(logsDir).Files.Where(f => agents.Any(a => Matches(a, f.Agent))))
        {
            ct.ThrowIfCancellationRequested();
            foreach (var line in File.ReadLines(file.Path))
            {
                if (!line.Contains("HTTP Error 429", StringComparison.Ordinal) || line.Length < 23 || (from is not null && string.CompareOrdinal(line, 0, from, 0, 23) < 0))
                {
                    continue;
                }

                if (DateTime.TryParseExact(line.AsSpan(0, 23), PluginLogFormat.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && (last is null || at > last.At))
                {
                    last = new LastRefusal(at, RetryAfterValue(line));
                }
            }
        }

        return last;
    }

    private static bool Matches(string named, string agent) =>
        string.Equals(named, agent, StringComparison.Ordinal) || agent.EndsWith("." + named, StringComparison.OrdinalIgnoreCase);

    private static TimeSpan? RetryAfterValue(string? text) =>
        text is not null && RetryAfterPattern().Match(text) is { Success: true } m && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    [GeneratedRegex(@"Retry-After['""]?\s*[:=]\s*['""]?(\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex RetryAfterPattern();
}
