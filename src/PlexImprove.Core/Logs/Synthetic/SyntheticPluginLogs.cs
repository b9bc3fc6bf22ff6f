using System.Globalization;
using System.Text;

namespace PlexImprove.Core.Logs.Synthetic;

/// <summary>
/// Writes a deterministic corpus of plugin logs in the real Framework and PGMA formats (sessions with
/// footers, error pairs, 403/429 crashes with tracebacks, base64 update requests, start-up noise), for
/// benchmarks and large-input tests. The same seed always gives the same bytes.
/// </summary>
public sealed class SyntheticPluginLogs
{
    private static readonly string[] Titles =
    [
        "Crude", "Anonymous Sex", "Young Bastards 14", "Viral Loads", "Freaks 4", "The Terror Within", "L'Homme Qui Marche",
        "Don’t Look Back", "A Night in Paris", "Summer Heat", "Hard and Raw", "Helpless in a Warehouse",
    ];

    private static readonly string[] Studios = ["Dark Alley Media", "Treasure Island Media", "Wurstfilm", "Raging Stallion", "Falcon"];

    private readonly Random _random;
    private readonly string[] _threadPool;
    private DateTime _clock;

    public SyntheticPluginLogs(int seed, DateTime start)
    {
        _random = new Random(seed);
        _clock = start;
        _threadPool = Enumerable.Range(0, 24).Select(_ => _random.Next(0x10000000, int.MaxValue).ToString("x", CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Writes <paramref name="agentCount"/> agents × (<c>.log</c> + 5 rotations) of about <paramref name="bytesPerFile"/> each.</summary>
    public void WriteFolder(string directory, int agentCount, long bytesPerFile)
    {
        Directory.CreateDirectory(directory);
        for (int a = 0; a < agentCount; a++)
        {
            var agent = $"com.plexapp.agents.Synthetic{a:00}";
            for (int rotation = PluginLogFolder.MaxRotation; rotation >= 0; rotation--)
            {
                var name = rotation == 0 ? $"{agent}.log" : $"{agent}.log.{rotation}";
                using var writer = new StreamWriter(Path.Combine(directory, name), append: false, new UTF8Encoding(false), 1 << 16);
                WriteFile(writer, $"Synthetic{a:00}", bytesPerFile);
            }
        }
    }

    /// <summary>Writes one plugin start and then sessions until about <paramref name="bytes"/> were written.</summary>
    public void WriteFile(TextWriter writer, string agentName, long bytes)
    {
        long written = 0;
        string thread = Thread();
        written += Line(writer, thread, "INFO", "core", 654, "Starting framework core - Version: 2.6.3, Build: 4a8d5e3 (Mon Dec 16 12:00:00 UTC 2019)");
        written += Line(writer, thread, "DEBUG", "networking", 197, "Error opening URL 'http://127.0.0.1:32400/:/plugins/com.plexapp.system/resourceHashes'");
        written += Line(writer, thread, "CRITICAL", "runtime", 1299, "Exception getting hosted resource hashes (most recent call last):")
            + Raw(writer, "  File \"/usr/lib/plexmediaserver/Resources/Plug-ins/Framework.bundle/Contents/Resources/Versions/2/Python/Framework/components/runtime.py\", line 1293, in get_resource_hashes\n    json = self._core.networking.http_request(\"http://127.0.0.1:32400/:/plugins/com.plexapp.system/resourceHashes\", timeout=10).content\nURLError: <urlopen error [Errno 111] Connection refused>");
        written += Line(writer, thread, "INFO", "core", 638, "Started plug-in");
        while (written < bytes)
        {
            written += Session(writer, agentName);
        }
    }

    private long Session(TextWriter w, string agent)
    {
        long n = 0;
        var t = Thread();
        int ratingKey = _random.Next(1, 50_000);
        var title = Titles[_random.Next(Titles.Length)];
        var studio = Studios[_random.Next(Studios.Length)];
        int year = _random.Next(1995, 2025);
        n += Line(w, t, "DEBUG", "runtime", 717, $"Handling request GET /:/plugins/com.plexapp.agents.{agent}/messaging/function/X0FnZW50S2l0OlNlYXJjaA__/Y2VyZWFsMQoxCmxpc3QKMApyMAo_");
        n += Line(w, t, "DEBUG", "agentkit", 961, $"Searching for matches for {{'id': '{ratingKey}', 'name': '{studio} - {title}', 'year': {year}, 'lang': 'en', 'manual': False}}");
        n += Line(w, t, "INFO", "logkit", 16, $"{agent}  - SEARCH:: Processing Page 1 for {studio} - {title} ({year})");
        n += Line(w, t, "DEBUG", "networking", 166, $"Requesting 'https://www.{agent.ToLowerInvariant()}.example/search?q={Uri.EscapeDataString(title)}'");
        int roll = _random.Next(100);
        if (roll < 10)
        {
            n += Line(w, t, "CRITICAL", "agentkit", 1018, $"Exception in the search function of agent named '{agent}', called with keyword arguments {{'id': '{ratingKey}', 'force': True}} (most recent call last):")
                + Raw(w, $"  File \"/usr/lib/plexmediaserver/Resources/Plug-ins/Framework.bundle/Contents/Resources/Versions/2/Python/Framework/api/agentkit.py\", line 1011, in _search\n    agent.search(*f_args, **f_kwargs)\n  File \"/var/lib/plexmediaserver/Plug-ins/{agent}.bundle/Contents/Code/__init__.py\", line 186, in search\n    html = HTML.ElementFromURL(url, sleep=delay)\nHTTPError: HTTP Error {(roll < 7 ? 403 : 429)}: {(roll < 7 ? "Forbidden" : "Too Many Requests")}");
            return n;
        }

        if (roll < 40)
        {
            n += Line(w, t, "ERROR", "utils", 5551, $"{agent} - SEARCH:: ❌ File: __init__.py, Line: 178, Function: _process_function_call -> _search -> search");
            n += Line(w, t, "ERROR", "utils", 5552, $"{agent} - SEARCH::    Error getting Site Title: < Title Match Failure! >");
            n += Line(w, t, "INFO", "logkit", 16, $"{agent}  - SEARCH:: *********************************************************** >> Failed << **********************************************************");
            return n;
        }

        n += Line(w, t, "INFO", "logkit", 16, $"{agent}  - SEARCH:: *********************************************************** >> Successful!! << ******************************************************");
        var u = Thread();
        var key = ratingKey.ToString(CultureInfo.InvariantCulture);
        var guid = $"com.plexapp.agents.{agent}://{key}?lang=en";
        var args = Convert.ToBase64String(Encoding.ASCII.GetBytes(
            $"cereal1\n1\ndict\n4\ns2\nens4\nlangb1s5\nforces{key.Length}\n{key}s4\ndbids{guid.Length}\n{guid}s4\nguidr0\n"))
            .Replace('+', '-').Replace('/', '_').Replace('=', '_');
        n += Line(w, u, "DEBUG", "runtime", 717, $"Handling request GET /:/plugins/com.plexapp.agents.{agent}/messaging/function/X0FnZW50S2l0OlVwZGF0ZU1ldGFkYXRh/Y2VyZWFsMQoxCmxpc3QKMApyMAo_/{args}");
        n += Line(w, u, "INFO", "logkit", 16, $"{agent}  - UPDATE:: Title: {title}; Studio: {studio}; Year: {year}");
        n += Line(w, u, "DEBUG", "networking", 166, $"Fetching 'https://www.{agent.ToLowerInvariant()}.example/film/{ratingKey}' from the HTTP cache");
        if (_random.Next(10) == 0)
        {
            n += Line(w, u, "ERROR", "utils", 5552, $"{agent} - UTILS ::    Error: Getting Synopsis: list index out of range");
        }

        n += Line(w, u, "INFO", "logkit", 16, $"{agent}  - UPDATE:: *********************************************************** >> Successful!! << ******************************************************");
        return n;
    }

    /// <summary>Plex serves requests from a small pool of threads, so ids repeat.</summary>
    private string Thread() => _threadPool[_random.Next(_threadPool.Length)];

    private long Line(TextWriter w, string thread, string level, string module, int line, string message)
    {
        _clock = _clock.AddMilliseconds(_random.Next(1, 40));
        var text = $"{_clock.ToString(PluginLogFormat.TimestampFormat, CultureInfo.InvariantCulture)} ({thread}) :  {level} ({module}:{line}) - {message}\n";
        w.Write(text);
        return Encoding.UTF8.GetByteCount(text);
    }

    private static long Raw(TextWriter w, string lines)
    {
        w.Write(lines);
        w.Write('\n');
        return Encoding.UTF8.GetByteCount(lines) + 1;
    }
}
