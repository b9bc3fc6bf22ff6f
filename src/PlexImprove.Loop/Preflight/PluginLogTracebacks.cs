using System.Text;
using System.Text.RegularExpressions;

namespace PlexImprove.Loop.Preflight;

/// <summary>The distinct agent failures of one plug-in log: agentkit CRITICAL records with their traceback, and the errors the agent's code logged.</summary>
public static partial class PluginLogTracebacks
{
    /// <summary>Up to <paramref name="max"/> distinct tracebacks of the agent's search and update, each cut to <paramref name="maxChars"/>.</summary>
    public static IReadOnlyList<string> Read(string logPath, int max, int maxChars)
    {
        if (!File.Exists(logPath) || max <= 0)
        {
            return [];
        }

        var found = new List<string>();
        StringBuilder? current = null;
        foreach (var line in File.ReadLines(logPath))
        {
            if (RecordStart().IsMatch(line))
            {
                Close(current, found, max, maxChars);
                current = IsAgentFailure(line) ? new StringBuilder(line.Trim()) : null;
            }
            else
            {
                current?.Append('\n').Append(line.TrimEnd());
            }
        }

        Close(current, found, max, maxChars);
        return found;
    }

    /// <summary>A traceback of the agent's search or update, or an error its own code logged (agents that catch and log).</summary>
    private static bool IsAgentFailure(string line) =>
        (line.Contains(" CRITICAL ", StringComparison.Ordinal) && line.Contains("Exception in the ", StringComparison.Ordinal))
        || (line.Contains(" ERROR ", StringComparison.Ordinal) && !line.Contains("(networking:", StringComparison.Ordinal) && !line.Contains("resourceHashes", StringComparison.Ordinal));

    private static void Close(StringBuilder? record, List<string> found, int max, int maxChars)
    {
        if (record is null || found.Count >= max)
        {
            return;
        }

        // The timestamp and thread differ between items; the same failure is kept once.
        var text = RecordStart().Replace(record.ToString(), "");
        text = text.Length > maxChars ? text[..maxChars] + " …" : text;
        if (!found.Contains(text, StringComparer.Ordinal))
        {
            found.Add(text);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} \([0-9a-fx]+\) :  ")]
    private static partial Regex RecordStart();
}
