using System.Text.Json.Serialization;

namespace PlexImprove.Core.Metrics;

/// <summary>
/// The part of one agent's log that reflects the code it runs now: records from <see cref="Since"/> on, except those
/// written while a change that was later undone was running. Diagnosing from lines of code that no longer runs
/// would repair the wrong thing.
/// </summary>
public sealed record AgentWindow
{
    /// <summary>Inclusive lower bound; <c>null</c> is the start of the logs.</summary>
    [JsonPropertyName("since")] public DateTime? Since { get; init; }

    /// <summary>Spans whose records are left out.</summary>
    [JsonPropertyName("excluded")] public IReadOnlyList<LogSpan> Excluded { get; init; } = [];

    /// <summary>The same window without the records of <paramref name="span"/>.</summary>
    public AgentWindow Excluding(LogSpan span) => this with { Excluded = [.. Excluded, span] };

    public bool IsExcluded(DateTime timestamp)
    {
        foreach (var span in Excluded)
        {
            if (span.Contains(timestamp))
            {
                return true;
            }
        }

        return false;
    }
}
