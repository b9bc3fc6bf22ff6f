using System.Globalization;
using System.Text.RegularExpressions;
using PlexImprove.Core.Logs;

namespace PlexImprove.Agent.Brains.Playbook.Network;

/// <summary>
/// What an agent's log says about its network: each request per host (<c>Requesting '…'</c>), each one the Framework
/// could not open (<c>Error opening URL '…'</c>), and the failures below HTTP or with a 5xx status, classified by the
/// words Python 2.7's socket, httplib and ssl modules use. It tells an intermittent failure (some requests to the host
/// succeed) from a host that never answers.
/// </summary>
public sealed partial class NetworkLogScan
{
    /// <summary>The most failures kept per kind.</summary>
    public const int MaxPerKind = 20;

    private static readonly (NetworkFailureKind Kind, string[] Markers)[] Classes =
    [
        (NetworkFailureKind.Dns, ["Name or service not known", "nodename nor servname", "getaddrinfo failed", "[Errno -2]", "[Errno -3]", "[Errno -5]", "[Errno 11001]", "[Errno 11004]", "No address associated with hostname", "Temporary failure in name resolution"]),
        (NetworkFailureKind.Refused, ["Connection refused", "[Errno 111]", "[Errno 61]", "[Errno 10061]"]),
        (NetworkFailureKind.Reset, ["Connection reset by peer", "[Errno 104]", "[Errno 54]", "[Errno 10054]", "BadStatusLine", "IncompleteRead", "Connection aborted", "RemoteDisconnected", "Broken pipe", "[Errno 32]"]),
        (NetworkFailureKind.Tls, ["SSLError", "SSL routines", "sslv3 alert", "tlsv1 alert", "handshake failure", "EOF occurred in violation of protocol", "UNKNOWN_PROTOCOL", "WRONG_VERSION_NUMBER", "CERTIFICATE_VERIFY_FAILED", "_ssl.c"]),
    ];

    private readonly List<NetworkFailure> _failures = [];
    private readonly Dictionary<string, int> _requests = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _unopened = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The failures kept, in log order (at most <see cref="MaxPerKind"/> of each kind).</summary>
    public IReadOnlyList<NetworkFailure> Failures => _failures;

    public IEnumerable<NetworkFailure> OfKind(NetworkFailureKind kind) => _failures.Where(f => f.Kind == kind);

    /// <summary>Requests the agent sent to <paramref name="host"/> (cache hits not counted).</summary>
    public int RequestsTo(string host) => _requests.GetValueOrDefault(host);

    /// <summary>Requests to <paramref name="host"/> the Framework could not open (any failure, HTTP errors included).</summary>
    public int UnopenedAt(string host) => _unopened.GetValueOrDefault(host);

    /// <summary>Hosts the agent requested, most requested first.</summary>
    public IEnumerable<string> Hosts => _requests.OrderByDescending(r => r.Value).Select(r => r.Key);

    /// <summary>Whether at least one request to <paramref name="host"/> was answered (sent more often than it failed).</summary>
    public bool EverAnswered(string host) => RequestsTo(host) > UnopenedAt(host);

    /// <summary>Scans the logs of <paramref name="agent"/> in <paramref name="logsDir"/> from <paramref name="since"/> (inclusive) to <paramref name="until"/> (exclusive), local time as logged.</summary>
    public static NetworkLogScan Read(string logsDir, string agent, DateTime? since, DateTime? until, CancellationToken cancellationToken)
    {
        var scan = new NetworkLogScan();
        if (!Directory.Exists(logsDir))
        {
            return scan;
        }

        var from = since?.ToString(PluginLogFormat.TimestampFormat, CultureInfo.InvariantCulture);
        var to = until?.ToString(PluginLogFormat.TimestampFormat, CultureInfo.InvariantCulture);
        foreach (var file in PluginLogFolder.Open(logsDir).Files.Where(f => string.Equals(f.Agent, agent, StringComparison.Ordinal)).OrderByDescending(f => f.Rotation))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var reader = new StreamReader(file.Path, detectEncodingFromByteOrderMarks: true);
            scan.ReadRecords(reader, from, to);
        }

        return scan;
    }

    /// <summary>The scan of one agent's log over the diagnosis' window.</summary>
    public static NetworkLogScan For(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        var window = context.Request.Aggregation.Metrics.Window;
        return Read(context.Request.LogsDir, agent.Agent, window.Since, window.Until, cancellationToken);
    }

    /// <summary>Scans log text already in memory.</summary>
    public static NetworkLogScan Parse(string text)
    {
        var scan = new NetworkLogScan();
        using var reader = new StringReader(text);
        scan.ReadRecords(reader, null, null);
        return scan;
    }

    private void ReadRecords(TextReader reader, string? from, string? to)
    {
        var lastUrl = new Dictionary<string, string>(StringComparer.Ordinal);
        string? thread = null;
        string? level = null;
        var body = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (Header().Match(line) is { Success: true } header)
            {
                Flush();
                var stamp = header.Groups["stamp"].Value;
                if ((from is not null && string.CompareOrdinal(stamp, from) < 0) || (to is not null && string.CompareOrdinal(stamp, to) >= 0))
                {
                    thread = null;
                    continue;
                }

                thread = header.Groups["thread"].Value;
                level = header.Groups["level"].Value;
                body.Add(header.Groups["message"].Value);
            }
            else if (thread is not null && body.Count is > 0 and < 200)
            {
                body.Add(line);
            }
        }

        Flush();

        void Flush()
        {
            if (thread is not null && body.Count > 0)
            {
                Observe(thread, level!, body, lastUrl);
            }

            body.Clear();
        }
    }

    private void Observe(string thread, string level, List<string> body, Dictionary<string, string> lastUrl)
    {
        var message = body[0];
        if (message.Contains("/:/plugins/", StringComparison.Ordinal) || message.Contains("resourceHashes", StringComparison.Ordinal))
        {
            return; // The Framework's start-up calls to Plex itself.
        }

        if (message.StartsWith("Requesting '", StringComparison.Ordinal) && QuotedUrl().Match(message) is { Success: true } requested)
        {
            lastUrl[thread] = requested.Groups[1].Value;
            Count(_requests, requested.Groups[1].Value);
            return;
        }

        if (message.StartsWith("Error opening URL '", StringComparison.Ordinal) && QuotedUrl().Match(message) is { Success: true } unopened)
        {
            lastUrl[thread] = unopened.Groups[1].Value;
            Count(_unopened, unopened.Groups[1].Value);
            return;
        }

        if (level is not ("ERROR" or "CRITICAL" or "WARNING"))
        {
            return;
        }

        var url = lastUrl.GetValueOrDefault(thread);
        foreach (var text in body)
        {
            if (Classify(text) is { } kind)
            {
                Keep(new NetworkFailure(kind, url, HostOf(url), text.Trim()));
                return;
            }
        }
    }

    /// <summary>The kind of network failure a line of a record names, or null.</summary>
    public static NetworkFailureKind? Classify(string text)
    {
        foreach (var (kind, markers) in Classes)
        {
            if (markers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                return kind;
            }
        }

        return ServerStatus().IsMatch(text) ? NetworkFailureKind.ServerError : null;
    }

    /// <summary>The host of an absolute URL, or null.</summary>
    public static string? HostOf(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;

    private void Keep(NetworkFailure failure)
    {
        if (_failures.Count(f => f.Kind == failure.Kind) < MaxPerKind)
        {
            _failures.Add(failure);
        }
    }

    private static void Count(Dictionary<string, int> counts, string url)
    {
        if (HostOf(url) is { } host)
        {
            counts[host] = counts.GetValueOrDefault(host) + 1;
        }
    }

    [GeneratedRegex(@"^(?<stamp>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \((?<thread>[^)]*)\) :\s+(?<level>[A-Z]+) \([^)]*\) - (?<message>.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"'(https?://[^']+)'")]
    private static partial Regex QuotedUrl();

    [GeneratedRegex(@"HTTP Error 5\d\d")]
    private static partial Regex ServerStatus();
}
