using System.Globalization;
using System.Text;
using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Preflight;
using PlexImprove.Agent.Sites;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Agent.Tests.TestSupport;

/// <summary>
/// A fixture agent: a bundle in a Plug-ins folder and a plugin log written in the Framework's format, with search
/// sessions that end as the test says. Diagnosed by the playbook with the pages of a <see cref="PageTable"/>.
/// </summary>
internal sealed class FixtureAgent : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly StringBuilder _log = new();
    private DateTime _clock = new(2026, 11, 30, 21, 0, 0);
    private int _thread = 0x1a000;
    private int _item;

    public FixtureAgent(string name, string code, string? sibling = null)
    {
        Name = name;
        PluginsDir = _dir.Sub("Plug-ins");
        LogsDir = _dir.Sub("Logs");
        var contents = Path.Combine(PluginsDir, name + ".bundle", "Contents");
        Directory.CreateDirectory(Path.Combine(contents, "Code"));
        File.WriteAllText(Path.Combine(contents, "Info.plist"),
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict>\n<key>CFBundleIdentifier</key>\n<string>{Identifier}</string>\n<key>PlexPluginCodePolicy</key>\n<string>Elevated</string>\n</dict></plist>\n");
        File.WriteAllText(CodePath, code);
        if (sibling is not null)
        {
            File.WriteAllText(Path.Combine(contents, "Code", "helpers.py"), sibling);
        }

        Line("7f00aa", "DEBUG", "core:349", "Starting framework core - Version: 2.6.3, Build: 3f5a4b3 (Mon Oct 24 14:29:44 UTC 2022)");
        Line("7f00aa", "INFO", "core:611", "Started plug-in");
    }

    public string Name { get; }

    public string Identifier => "com.plexapp.agents." + Name;

    public string PluginsDir { get; }

    public string LogsDir { get; }

    public string WorkDir => _dir.Sub("work");

    public string CodePath => Path.Combine(PluginsDir, Name + ".bundle", "Contents", "Code", "__init__.py");

    public string CodeRelative => Name + ".bundle/Contents/Code/__init__.py";

    /// <summary>A search that requests <paramref name="url"/> and fails with the given error lines (PGMA style), then a failure footer.</summary>
    public FixtureAgent FailedSearch(string title, string url, params string[] errors)
    {
        var thread = StartSearch(title, url);
        foreach (var error in errors)
        {
            Line(thread, "ERROR", "utils:20", $"{Name} - SEARCH::    {error}");
        }

        Line(thread, "INFO", "utils:11", $"{Name}  - SEARCH:: ************************************************************ >> Failed << ************************************************************");
        return this;
    }

    /// <summary>A search whose fetch fails with HTTP <paramref name="status"/>.</summary>
    public FixtureAgent HttpFailure(string title, string url, int status, string reason)
    {
        var thread = StartSearch(title, url, requested: false);
        Line(thread, "ERROR", "networking:197", $"Error opening URL '{url}'");
        Line(thread, "ERROR", "utils:20", $"{Name} - SEARCH::    Error: Search Query did not pull any results: HTTP Error {status}: {reason}");
        Line(thread, "INFO", "utils:11", $"{Name}  - SEARCH:: ************************************************************ >> Failed << ************************************************************");
        return this;
    }

    /// <summary>A search whose request the Framework could not open: <c>Error opening URL</c>, then the crash ending with <paramref name="exception"/>.</summary>
    public FixtureAgent UnopenedSearch(string title, string url, string exception)
    {
        var thread = StartSearch(title, url);
        Line(thread, "ERROR", "networking:197", $"Error opening URL '{url}'");
        Line(thread, "CRITICAL", "agentkit:1018", $"Exception in the search function of agent named '{Name}', called with keyword arguments {{'name': '{title}', 'id': '{_item}'}} (most recent call last):");
        _log.Append("  File \"/usr/lib/plexmediaserver/Resources/Plug-ins/Framework.bundle/Contents/Resources/Versions/2/Python/Framework/api/agentkit.py\", line 1016, in _search\n");
        _log.Append("    agent.search(*a, **k)\n");
        _log.Append(exception).Append('\n');
        return this;
    }

    /// <summary>A search whose request the site answered (no failure follows).</summary>
    public FixtureAgent AnsweredSearch(string title, string url)
    {
        var thread = StartSearch(title, url);
        Line(thread, "INFO", "utils:11", $"{Name} - SEARCH:: found {title}");
        return this;
    }

    /// <summary>A search that crashes: the Framework's CRITICAL record with a traceback through the agent's line.</summary>
    public FixtureAgent Crash(string title, string url, int line, string code, string exception, string function = "search")
    {
        var thread = StartSearch(title, url);
        Line(thread, "CRITICAL", "agentkit:1018", $"Exception in the {function} function of agent named '{Name}', called with keyword arguments {{'name': '{title}', 'id': '{_item}'}} (most recent call last):");
        _log.Append("  File \"/usr/lib/plexmediaserver/Resources/Plug-ins/Framework.bundle/Contents/Resources/Versions/2/Python/Framework/api/agentkit.py\", line 1016, in _search\n");
        _log.Append("    agent.search(*a, **k)\n");
        _log.Append(CultureInfo.InvariantCulture, $"  File \"/var/lib/plexmediaserver/Library/Application Support/Plex Media Server/Plug-ins/{CodeRelative}\", line {line}, in {function}\n");
        _log.Append(CultureInfo.InvariantCulture, $"    {code}\n");
        _log.Append(exception).Append('\n');
        return this;
    }

    /// <summary>The plug-in fails to load: the Framework's CRITICAL record ending with <paramref name="exception"/>.</summary>
    public FixtureAgent LoadFailure(string exception)
    {
        Line("7f00ab", "CRITICAL", "core:574", "Exception while loading code (most recent call last):");
        _log.Append("  File \"/usr/lib/plexmediaserver/Resources/Plug-ins/Framework.bundle/Contents/Resources/Versions/2/Python/Framework/core.py\", line 574, in load_code\n");
        _log.Append("    self.init_code = self.loader.load(self.init_path, elevated, use_xpython = Framework.constants.flags.use_xpython in self.flags)\n");
        _log.Append(exception).Append('\n');
        return this;
    }

    public async Task<DiagnosticReport> DiagnoseAsync(IPageFetcher? pages, LessonBook? lessons = null, IReadOnlyList<AttemptedFix>? attempted = null,
        IReadOnlyList<string>? agents = null, IFixPreflight? preflight = null, IEnumerable<IPlaybookRule>? rules = null)
    {
        WriteLog();
        var aggregation = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = LogsDir, CollectSessions = true }, cancellationToken: TestContext.Current.CancellationToken);
        var brain = new PlaybookBrain(new PlaybookBrainOptions { Fetcher = pages }, rules);
        return await brain.DiagnoseAsync(new DiagnosisRequest
        {
            Aggregation = aggregation,
            Digest = "",
            PluginsDir = PluginsDir,
            LogsDir = LogsDir,
            Lessons = lessons ?? LessonBook.Empty,
            Attempted = attempted ?? [],
            Iteration = attempted is null ? 1 : 2,
            Agents = agents ?? [],
            Preflight = preflight,
        }, TestContext.Current.CancellationToken);
    }

    /// <summary>Writes the plugin log as logged so far.</summary>
    public void WriteLog() => File.WriteAllText(Path.Combine(LogsDir, Identifier + ".log"), _log.ToString());

    /// <summary>Verifies the report's patches with the real Python 2.7 gate (nothing written).</summary>
    public async Task<DiagnosticReport> VerifyAsync(DiagnosticReport report) =>
        await new DiagnosisVerifier(await Gate.EngineAsync(PluginsDir, WorkDir)).VerifyAsync(report, 1, TestContext.Current.CancellationToken);

    public void Dispose() => _dir.Dispose();

    private string StartSearch(string title, string url, bool requested = true)
    {
        var thread = (_thread++).ToString("x", CultureInfo.InvariantCulture);
        _item++;
        Line(thread, "DEBUG", "agentkit:961", $"Searching for matches for {{'name': '{title}', 'id': '{_item}', 'manual': False}}");
        Line(thread, "INFO", "utils:11", $"{Name}  - SEARCH:: Processing                    {title}");
        if (requested)
        {
            Line(thread, "DEBUG", "networking:144", $"Requesting '{url}'");
        }

        return thread;
    }

    private void Line(string thread, string level, string source, string message)
    {
        _clock = _clock.AddMilliseconds(137);
        _log.Append(CultureInfo.InvariantCulture, $"{_clock:yyyy-MM-dd HH:mm:ss,fff} ({thread}) :  {level} ({source}) - {message}\n");
    }
}
