using System.Text;
using System.Text.RegularExpressions;

namespace PlexImprove.Sandbox.Tests.Support;

/// <summary>Reads a plugin log the way the Framework layout defines records (a record starts only at a timestamp).</summary>
internal static partial class FrameworkLog
{
    public static IReadOnlyList<(string Level, string Module, string Message, List<string> Continuation)> Records(string text)
    {
        var records = new List<(string, string, string, List<string>)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var match = Header().Match(line);
            if (match.Success)
            {
                records.Add((match.Groups[3].Value, match.Groups[4].Value, match.Groups[6].Value, []));
            }
            else
            {
                Assert.False(StartsWithTimestamp().IsMatch(line), $"a line starting with a timestamp is not in the Framework layout: {line}");
                Assert.True(records.Count > 0, $"the log starts with a line that is not a record: {line}");
                records[^1].Item4.Add(line);
            }
        }

        return records;
    }

    /// <summary>The cereal dictionary of an update request line (Plex-style base64 of its last path segment).</summary>
    public static string DecodeUpdateRequest(string message)
    {
        var segment = message.Split('/')[^1].Replace('_', '=');
        return Encoding.UTF8.GetString(Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/')));
    }

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \((-?[0-9a-f]+)\) :  (DEBUG|INFO|WARNING|ERROR|CRITICAL) \(([^:()]+):(\d+)\) - (.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")]
    private static partial Regex StartsWithTimestamp();
}
