using System.Globalization;
using System.Text.RegularExpressions;
using PlexImprove.Agent.Preflight;
using PlexImprove.Core.Logs;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// Reads one agent's plugin logs (oldest rotation first) and keeps, per kind, the first few failures with their
/// context. Cheap substring checks come before any regular expression, so a large log costs one pass of reading.
/// </summary>
public sealed partial class AgentLogScan
{
    /// <summary>The most incidents kept per kind (and per HTTP status).</summary>
    public const int MaxPerKind = 12;

    private readonly List<LogIncident> _incidents = [];
    private readonly Dictionary<string, int> _kept = new(StringComparer.Ordinal);

    public IReadOnlyList<LogIncident> Incidents => _incidents;

    public IEnumerable<LogIncident> OfKind(string kind) => _incidents.Where(i => i.Kind == kind);

    public IEnumerable<LogIncident> Http(int status) => _incidents.Where(i => i.Kind == "http" && i.Status == status);

    private IReadOnlySet<string>? _wanted;
    private string? _since;
    private string? _until;

    /// <summary>
    /// Scans the logs of <paramref name="agent"/> in <paramref name="logsDir"/> (newest file first: the latest failures
    /// show what the code does now), keeping records from <paramref name="since"/>
    /// (inclusive) to <paramref name="until"/> (exclusive), local time as logged; a missing folder gives an empty scan.
    /// With <paramref name="wanted"/> (the incident keys the rules need: <c>http:403</c>, <c>crash</c> …), reading stops
    /// once each holds <see cref="MaxPerKind"/> incidents; null reads everything.
    /// </summary>
    public static AgentLogScan Read(string logsDir, string agent, CancellationToken cancellationToken, DateTime? since = null, DateTime? until = null, IReadOnlySet<string>? wanted = null)
    {
        var scan = new AgentLogScan
        {
            _wanted = wanted,
            _since = since?.ToString(PluginLogFormat.TimestampFormat, CultureInfo.InvariantCulture),
            _until = until?.ToString(PluginLogFormat.TimestampFormat, CultureInfo.InvariantCulture),
        };
        if (!Directory.Exists(logsDir))
        {
            return scan;
        }

        var files = PluginLogFolder.Open(logsDir).Files.Where(f => string.Equals(f.Agent, agent, StringComparison.Ordinal)).OrderBy(f => f.Rotation);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (scan.Satisfied)
            {
                break;
            }

            using var reader = new StreamReader(file.Path, detectEncodingFromByteOrderMarks: true);
            scan.ReadRecords(reader, cancellationToken);
        }

        return scan;
    }

    /// <summary>Scans log text already in memory (fixtures, excerpts).</summary>
    public static AgentLogScan Parse(string text)
    {
        var scan = new AgentLogScan();
        using var reader = new StringReader(text);
        scan.ReadRecords(reader, CancellationToken.None);
        return scan;
    }

    private void ReadRecords(TextReader reader, CancellationToken cancellationToken)
    {
        var lastUrl = new Dictionary<string, string>(StringComparer.Ordinal);
        var searched = new Dictionary<string, string>(StringComparer.Ordinal);
        string? thread = null;
        string? level = null;
        string? message = null;
        var continuation = new List<string>();
        long lines = 0;
        while (reader.ReadLine() is { } line)
        {
            if ((++lines & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Satisfied)
                {
                    break;
                }
            }

            if (IsHeader(line) && SplitHeader(line) is { } header)
            {
                Flush();
                if (!InWindow(line))
                {
                    continue;
                }

                (thread, level, message) = header;
                continuation.Clear();
            }
            else if (message is not null && continuation.Count < 200)
            {
                continuation.Add(line);
            }
        }

        Flush();

        void Flush()
        {
            if (message is null || thread is null)
            {
                return;
            }

            Observe(thread, level!, message, continuation, lastUrl, searched);
            message = null;
        }
    }

    private void Observe(string thread, string level, string message, List<string> continuation, Dictionary<string, string> lastUrl, Dictionary<string, string> searched)
    {
        if (message.StartsWith(SearchArguments.Marker, StringComparison.Ordinal)
            && SearchArguments.ReadDict(message.AsSpan(SearchArguments.Marker.Length - 1)).GetValueOrDefault("name") is { } name)
        {
            searched[thread] = name;
            return;
        }

        if (message.Contains("resourceHashes", StringComparison.Ordinal) || message.Contains("/:/plugins/", StringComparison.Ordinal))
        {
            return; // Framework start-up noise, not an agent failure.
        }

        if ((message.StartsWith("Requesting ", StringComparison.Ordinal) || message.StartsWith("Error opening URL ", StringComparison.Ordinal)
            || message.StartsWith("Fetching ", StringComparison.Ordinal)) && QuotedUrl().Match(message) is { Success: true } url)
        {
            lastUrl[thread] = url.Groups[1].Value;
        }

        string? threadUrl = lastUrl.GetValueOrDefault(thread);
        bool isError = level is "ERROR" or "CRITICAL" or "WARNING";
        if (isError && (message.Contains("Exception while loading code", StringComparison.Ordinal) || message.Contains("Exception starting plug-in", StringComparison.Ordinal)))
        {
            Keep("load", Traceback("load", message, continuation, null, null));
            return;
        }

        if (level == "CRITICAL" && message.Contains("Exception in the ", StringComparison.Ordinal) && continuation.Count > 0)
        {
            string? function = FunctionName().Match(message) is { Success: true } f ? f.Groups[1].Value : null;
            Keep("crash", Traceback("crash", message, continuation, threadUrl, function));

            // The crash's last line may be the HTTP error or timeout itself: counted below too.
        }

        if (!isError)
        {
            return;
        }

        var body = continuation.Count == 0 ? message : message + "\n" + string.Join('\n', continuation);
        if (body.Contains("timed out", StringComparison.OrdinalIgnoreCase))
        {
            Keep("timeout", new LogIncident { Kind = "timeout", Url = threadUrl, Excerpt = message });
        }

        if (body.Contains("HTTP Error ", StringComparison.Ordinal))
        {
            foreach (Match code in HttpCode().Matches(body))
            {
                int status = int.Parse(code.Groups[1].Value, CultureInfo.InvariantCulture);
                Keep("http:" + status, new LogIncident { Kind = "http", Status = status, Url = threadUrl, Excerpt = message });
            }
        }

        if (message.Contains("< Title Match Failure! >", StringComparison.Ordinal))
        {
            Keep("title-match", new LogIncident { Kind = "title-match", Url = threadUrl, Searched = searched.GetValueOrDefault(thread), Excerpt = message });
        }
    }

    private static LogIncident Traceback(string kind, string message, List<string> continuation, string? url, string? function)
    {
        var last = continuation.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim();
        string? file = null;
        int line = 0;
        string? code = null;
        for (int i = 0; i < continuation.Count; i++)
        {
            if (Frame().Match(continuation[i]) is { Success: true } frame && frame.Groups["file"].Value.Contains(".bundle/Contents/", StringComparison.Ordinal))
            {
                file = frame.Groups["file"].Value;
                line = int.Parse(frame.Groups["line"].Value, CultureInfo.InvariantCulture);
                code = i + 1 < continuation.Count && !Frame().IsMatch(continuation[i + 1]) ? continuation[i + 1].Trim() : null;
            }
        }

        return new LogIncident
        {
            Kind = kind, Url = url, Excerpt = message.Length > 300 ? message[..300] + "…" : message,
            ExceptionLine = last, CodeFile = file, CodeLine = line, CodeText = code, Function = function,
        };
    }

    /// <summary>True when every wanted kind holds its maximum (never without a wanted set).</summary>
    private bool Satisfied => _wanted is not null && _wanted.All(k => _kept.GetValueOrDefault(k) >= MaxPerKind);

    /// <summary>The incident keys the playbook's rules read for an agent with these counters.</summary>
    public static IReadOnlySet<string> WantedFor(PlexImprove.Core.Metrics.Counts counts)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var status in counts.HttpErrors.Keys)
        {
            wanted.Add("http:" + status);
        }

        if (counts.Timeouts > 0)
        {
            wanted.Add("timeout");
        }

        if (counts.TitleMatchFailures > 0)
        {
            wanted.Add("title-match");
        }

        if (counts.Exceptions.Count > 0)
        {
            wanted.Add("crash");
        }

        if (counts.LoadFailures > 0)
        {
            wanted.Add("load");
        }

        return wanted;
    }

    private void Keep(string key, LogIncident incident)
    {
        int kept = _kept.GetValueOrDefault(key);
        if (kept < MaxPerKind)
        {
            _kept[key] = kept + 1;
            _incidents.Add(incident);
        }
    }

    /// <summary>Timestamps are logged as <c>yyyy-MM-dd HH:mm:ss,fff</c>, so the window compares as text.</summary>
    private bool InWindow(string line)
    {
        var stamp = line.AsSpan(0, Math.Min(23, line.Length));
        return (_since is null || stamp.CompareTo(_since, StringComparison.Ordinal) >= 0)
            && (_until is null || stamp.CompareTo(_until, StringComparison.Ordinal) < 0);
    }

    private static bool IsHeader(string line) => line.Length > 30 && line[4] == '-' && line[10] == ' ' && line[0] is >= '0' and <= '9';

    /// <summary><c>yyyy-MM-dd HH:mm:ss,fff (thread) :  LEVEL (source:line) - message</c>, split without a regular expression (the hot path).</summary>
    private static (string Thread, string Level, string Message)? SplitHeader(string line)
    {
        int open = line.IndexOf(" (", 19, StringComparison.Ordinal);
        int close = open < 0 ? -1 : line.IndexOf(") :", open, StringComparison.Ordinal);
        if (close < 0)
        {
            return null;
        }

        int levelStart = close + 3;
        while (levelStart < line.Length && line[levelStart] == ' ')
        {
            levelStart++;
        }

        int levelEnd = line.IndexOf(' ', levelStart);
        int dash = levelEnd < 0 ? -1 : line.IndexOf(") - ", levelEnd, StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        return (line[(open + 2)..close], line[levelStart..levelEnd], line[(dash + 4)..]);
    }

    [GeneratedRegex(@"'(https?://[^']+)'")]
    private static partial Regex QuotedUrl();

    [GeneratedRegex(@"HTTP Error (\d{3})")]
    private static partial Regex HttpCode();

    [GeneratedRegex(@"Exception in the (\w+) function")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"^\s*File ""(?<file>[^""]+)"", line (?<line>\d+)")]
    private static partial Regex Frame();
}
