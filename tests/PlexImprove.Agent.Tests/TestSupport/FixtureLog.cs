using System.Globalization;
using System.Text;

namespace PlexImprove.Agent.Tests.TestSupport;

/// <summary>Plugin log text in the Framework's layout for the fixture agent <c>com.plexapp.agents.Films</c>.</summary>
internal static class FixtureLog
{
    /// <summary>
    /// A start, then three searches: items 501 and 503 crash with HTTP 403, item 502 succeeds (no failure before
    /// the next search), then one more start.
    /// </summary>
    public static string Films()
    {
        var log = new Builder(new DateTime(2026, 3, 1, 10, 0, 0));
        log.Record("INFO", "core", 654, "Starting framework core - Version: 2.6.3, Build: 4a8d5e3 (Mon Dec 16 12:00:00 UTC 2019)");
        log.Record("INFO", "core", 638, "Started plug-in");
        log.Search("501", "Dune");
        log.Record("DEBUG", "networking", 166, "Requesting 'http://films.example/search?q=Dune'");
        log.Crash("HTTPError: HTTP Error 403: Forbidden");
        log.Search("502", "Alien");
        log.Record("DEBUG", "networking", 166, "Requesting 'http://films.example/search?q=Alien'");
        log.Record("INFO", "logkit", 16, "Films - SEARCH:: found Alien (1979)");
        log.Search("503", "Heat");
        log.Record("DEBUG", "networking", 166, "Requesting 'http://films.example/search?q=Heat'");
        log.Crash("HTTPError: HTTP Error 403: Forbidden");
        log.Search("504", "Ran");
        log.Record("INFO", "logkit", 16, "Films - SEARCH:: found Ran (1985)");
        return log.ToString();
    }

    private sealed class Builder(DateTime start)
    {
        private readonly StringBuilder _text = new();
        private DateTime _clock = start;

        public void Record(string level, string module, int line, string message, params string[] continuation)
        {
            _text.Append(CultureInfo.InvariantCulture, $"{_clock:yyyy-MM-dd HH:mm:ss},{_clock.Millisecond:000} (7f3a2c1fe700) :  {level} ({module}:{line}) - {message}\n");
            foreach (var c in continuation)
            {
                _text.Append(c).Append('\n');
            }

            _clock = _clock.AddSeconds(2);
        }

        public void Search(string ratingKey, string title)
        {
            Record("DEBUG", "runtime", 717, "Handling request GET /:/plugins/com.plexapp.agents.Films/messaging/function/X0FnZW50S2l0OlNlYXJjaA__/Y2VyZWFsMQoxCmxpc3QKMApyMAo_");
            Record("DEBUG", "agentkit", 961, $"Searching for matches for {{'id': '{ratingKey}', 'name': '{title}', 'year': 1984, 'lang': 'en', 'manual': False}}");
        }

        public void Crash(string exceptionLine) =>
            Record("CRITICAL", "agentkit", 1018, "Exception in the search function of agent named 'Films', called with keyword arguments {'id': '1', 'force': True} (most recent call last):",
                "  File \"/usr/lib/plexmediaserver/Resources/Plug-ins/Framework.bundle/Contents/Resources/Versions/2/Python/Framework/api/agentkit.py\", line 1011, in _search",
                "    agent.search(*f_args, **f_kwargs)",
                "  File \"/var/lib/plexmediaserver/Plug-ins/Films.bundle/Contents/Code/__init__.py\", line 20, in search",
                "    page = HTML.ElementFromURL(BASE_URL + '/search?q=' + media.name)",
                exceptionLine);

        public override string ToString() => _text.ToString();
    }
}
