using System.Text;
using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Tests.TestSupport;

/// <summary>
/// A temporary Plug-ins folder with one agent bundle, a logs folder with its plugin log, an empty work folder and a
/// lessons file: what a registry works on in the tests. Deleted with the test.
/// </summary>
internal sealed class ToolFixture : IDisposable
{
    public const string AgentCode = """
        # -*- coding: utf-8 -*-
        import re

        BASE_URL = 'http://films.example'
        BROWSER = {'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0', 'Accept-Language': 'en-US'}


        def Start():
            HTTP.CacheTime = 0
            HTTP.Headers['Referer'] = 'http://films.example/'


        def find_title(page):
            return page.xpath('//h1[@class="title"]/text()')[0]


        def search(results, media, lang):
            page = HTML.ElementFromURL(BASE_URL + '/search?q=' + media.name)
            count = 0
            count += 1
            return find_title(page)

        """;

    public const string LessonsMarkdown = """
        # Lessons learned

        ## diagnose

        - **DO** Pace requests when a fix unblocks a site. (id `diagnose-pace`, score 3, tags: http, 429)
          - evidence: iteration 1, fix films-headers: http 429 per 100 sessions 0 → 37
        - **DON'T** Count resourceHashes start-up noise as an agent error. (id `diagnose-noise`, score 2)

        ## implement

        - **DO** Keep Python 2.7 syntax in every patch. (id `implement-py27`, score 4)

        """;

    private readonly string _root;

    public ToolFixture()
    {
        _root = Path.Combine(Path.GetTempPath(), "plex-improve-agent-tests", Guid.NewGuid().ToString("N"));
        PluginsDir = Path.Combine(_root, "Plug-ins");
        LogsDir = Path.Combine(_root, "PMS Plugin Logs");
        WorkDir = Path.Combine(_root, "work");
        LessonsPath = Path.Combine(_root, "lessons_learned.md");
        Directory.CreateDirectory(Path.Combine(PluginsDir, "Films.bundle", "Contents", "Code"));
        Directory.CreateDirectory(LogsDir);
        Directory.CreateDirectory(WorkDir);
        File.WriteAllText(CodePath, AgentCode);
        File.WriteAllText(Path.Combine(LogsDir, "com.plexapp.agents.Films.log"), FixtureLog.Films());
        File.WriteAllText(LessonsPath, LessonsMarkdown);
    }

    public string PluginsDir { get; }

    public string LogsDir { get; }

    public string WorkDir { get; }

    public string LessonsPath { get; }

    /// <summary>The bundle's <c>__init__.py</c>.</summary>
    public string CodePath => Path.Combine(PluginsDir, "Films.bundle", "Contents", "Code", "__init__.py");

    /// <summary>A folder next to the fixture's folders, outside all of them.</summary>
    public string Outside => _root;

    /// <summary>The fake sites no fixture agent names in its code, allowed as a user would through <c>Agent:SiteHosts</c>.</summary>
    public static readonly IReadOnlyList<string> ExtraSiteHosts = ["echo.example", "big.example", "slow.example", "busy.example"];

    public ToolEnvironment Environment(IPageFetcher? fetcher = null, ToolOutputLimits? limits = null, Microsoft.Extensions.Logging.ILogger? logger = null) => new()
    {
        PluginsDir = PluginsDir,
        LogsDir = LogsDir,
        WorkDir = WorkDir,
        LessonsPath = LessonsPath,
        PythonFactory = TestPython.RuntimeAsync,
        PageFetcher = fetcher ?? new PageFetcher(),
        SiteHosts = ExtraSiteHosts,
        Limits = limits ?? new ToolOutputLimits(),
        Logger = logger,
    };

    public ToolRegistry Registry(IPageFetcher? fetcher = null, ToolOutputLimits? limits = null) => ToolRegistry.Create(Environment(fetcher, limits));

    public void Write(string relativeToRoot, string text) => File.WriteAllText(Path.Combine(_root, relativeToRoot), text, Encoding.UTF8);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open by a failing test must not hide that test's own failure.
        }
    }
}
