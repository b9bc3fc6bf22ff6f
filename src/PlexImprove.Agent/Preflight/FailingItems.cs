using PlexImprove.Core.Logs;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Agent.Preflight;

/// <summary>
/// The items an agent failed on, with the arguments Plex passed: the ratingKeys of the failed sessions (newest
/// first, an item whose latest session succeeded left out), matched with the search lines of the agent's logs.
/// </summary>
public static class FailingItems
{
    /// <summary>Up to <paramref name="max"/> failing items of <paramref name="agent"/>; empty when the logs name none.</summary>
    public static IReadOnlyList<PreflightItem> Find(string logsDir, string agent, IEnumerable<AgentSession> sessions, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var latest = new Dictionary<string, AgentSession>(StringComparer.Ordinal);
        foreach (var session in sessions.Where(s => s.Agent == agent && s.RatingKey is not null).OrderBy(s => s.Started))
        {
            latest[session.RatingKey!] = session;
        }

        var failing = latest.Values.Where(s => s.Outcome != SessionOutcome.Succeeded).OrderByDescending(s => s.Started).Select(s => s.RatingKey!).ToList();
        if (failing.Count == 0 || max <= 0)
        {
            return [];
        }

        var arguments = SearchedItems(logsDir, agent, cancellationToken);
        return [.. failing.Where(arguments.ContainsKey).Select(k => arguments[k]).Take(max)];
    }

    /// <summary>The latest logged search arguments per ratingKey in the agent's logs (every rotation).</summary>
    public static IReadOnlyDictionary<string, PreflightItem> SearchedItems(string logsDir, string agent, CancellationToken cancellationToken = default)
    {
        var items = new Dictionary<string, PreflightItem>(StringComparer.Ordinal);
        if (!Directory.Exists(logsDir))
        {
            return items;
        }

        // Oldest file first, so a later search of the same item overwrites an earlier one.
        foreach (var file in PluginLogFolder.Open(logsDir).Files.Where(f => f.Agent == agent))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Plex may be writing the file: read it shared.
            using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Contains(SearchArguments.Marker, StringComparison.Ordinal) && SearchArguments.Parse(line) is { } item)
                {
                    items[item.RatingKey] = item;
                }
            }
        }

        return items;
    }
}
