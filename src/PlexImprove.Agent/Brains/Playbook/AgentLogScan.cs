using System.Globalization;
using System.Text.RegularExpressions;
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

    /// <summary>Scans the logs of <paramref name="agent"/> in <paramref name="logsDir"/>; a missing folder gives an empty scan.</summary>
    public static AgentLogScan Read(string logsDir, string agent, CancellationToken cancellationToken)
    {
        var scan = new AgentLogScan();
        if (!Directory.Exists(logsDir))
        {
            return scan;
        }

        var files = PluginLogFolder.Open(logsDir).Files.Where(f => string.Equals(f.Agent, agent, StringComparison.Ordinal)).OrderByDescending(f => f.Rotation);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
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
        string? thread = null;
        string? level = null;
        string? message = null;
        var continuation = new List<string>();
        long lines = 0;
        while (reader.ReadLine() is { } line)
        {
            if ((++lines & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (IsHeader(line) && Header().Match(line) is { Success: true } m)
            {
                Flush();
                thread = m.Groups["thread"].Value;
                level = m.Groups["level"].Value;
                message = m.Groups["message"].Value;
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

            Observe(thread, level!, message, continuation, lastUrl);
            message = null;
        }
    }

    private void Observe(string thread, string level, string message, List<string> continuation, Dictionary<string, string> lastUrl)
    {
        if (message.Contains("resourceHashes", StringComparison.Ordinal) || message.Contains("/:/plugins/", StringComparison.Ordinal))
        {
            return; // Framework start-up noise, not an agent failure.
        }

        if (QuotedUrl().Match(message) is { Success: true } url && (message.StartsWith("Requesting ", StringComparison.Ordinal)
            || message.StartsWith("Error opening URL ", StringComparison.Ordinal) || message.StartsWith("Fetching ", StringComparison.Ordinal)))
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
            return;
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
            Keep("title-match", new LogIncident { Kind = "title-match", Url = threadUrl, Excerpt = message });
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

    private void Keep(string key, LogIncident incident)
    {
        int kept = _kept.GetValueOrDefault(key);
        if (kept < MaxPerKind)
        {
            _kept[key] = kept + 1;
            _incidents.Add(incident);
        }
    }

    private static bool IsHeader(string line) => line.Length > 30 && line[4] == '-' && line[10] == ' ' && line[0] is >= '0' and <= '9';

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[,.]\d+ \((?<thread>[^)]+)\) :\s+(?<level>[A-Z]+) \([^)]*\) - (?<message>.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"'(https?://[^']+)'")]
    private static partial Regex QuotedUrl();

    [GeneratedRegex(@"HTTP Error (\d{3})")]
    private static partial Regex HttpCode();

    [GeneratedRegex(@"Exception in the (\w+) function")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"^\s*File ""(?<file>[^""]+)"", line (?<line>\d+)")]
    private static partial Regex Frame();
}
