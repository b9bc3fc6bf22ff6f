using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Plugins;

/// <summary>
/// What Plex's Framework gives real agents, reproduced by small bundles: arguments as its serialiser delivers them,
/// the import path it builds (code packages, the Framework's libraries, lxml), every agent class and media tree, the
/// policy read from a real plist, and a plug-in whose code fails to load exiting.
/// </summary>
public sealed class FrameworkRuntimeFidelityTests
{
    /// <summary>An agent of the given class whose search logs what <paramref name="searchBody"/> computes and matches nothing.</summary>
    private static string Agent(string agentClass, string searchBody, string updateBody = "pass", string header = "") => $$"""
        # -*- coding: utf-8 -*-
        {{header}}
        def Start():
            Log.Info('started')

        class TestAgent(Agent.{{agentClass}}):
            name = 'TestAgent'
            languages = [Locale.Language.English]
            primary_provider = True

            def search(self, results, media, lang, manual=False):
                {{searchBody}}
                results.Append(MetadataSearchResult(id='f1', name='Film 1', score=100, lang=lang))

            def update(self, metadata, media, lang, force=False):
                {{updateBody}}
                metadata.title = 'Film 1'
        """;

    private static async Task<IReadOnlyList<(string Level, string Module, string Message, List<string> Continuation)>> RefreshOneAsync(TestScenario scenario)
    {
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        await run.RefreshAsync("1");
        return FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
    }

    private static void AssertLogged(IReadOnlyList<(string Level, string Module, string Message, List<string> Continuation)> records, string message) =>
        Assert.True(records.Any(r => r.Module == "logkit" && r.Message == message),
            $"'{message}' not logged; agent lines: {string.Join(" | ", records.Where(r => r.Module is "logkit" or "core" or "agentkit").Select(r => r.Message + " " + string.Join(" ", r.Continuation)))}");

    [Fact]
    public async Task SearchArguments_AreUtf8ByteStrings_AndTheSearchIsLoggedAtInfo()
    {
        var code = Agent("Movies", "Log.Info('name %s %s' % (isinstance(media.name, str), unicode(media.name, 'utf-8') == u'Caf\\xe9 Noir'))");
        using var scenario = new TestScenario(code, files: ["/data/Movies/Café Noir (2001).mp4"]);

        var records = await RefreshOneAsync(scenario);

        AssertLogged(records, "name True True");
        var searching = Assert.Single(records, r => r.Message.StartsWith("Searching for matches for {", StringComparison.Ordinal));
        Assert.Equal("INFO", searching.Level);
        Assert.Contains("'name': 'Caf\\xc3\\xa9 Noir'", searching.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackagesInsideContentsCode_AreImportedAsPlexsLoaderResolvesThem()
    {
        var code = Agent("Movies", "Log.Info('package %s %s' % (interface.NAME, menu.label()))", header: "import interface\nfrom interface import menu\n");
        var contents = new Dictionary<string, string>
        {
            ["Code/interface/__init__.py"] = "NAME = 'interface'\n",
            ["Code/interface/menu.py"] = "import helpers\ndef label():\n    return 'menu-' + helpers.WORD\n",
            ["Code/interface/helpers.py"] = "WORD = 'relative'\n",
        };
        using var scenario = new TestScenario(code, contents: contents);

        AssertLogged(await RefreshOneAsync(scenario), "package interface menu-relative");
    }

    [Fact]
    public async Task FrameworkSharedLibrary_Dateutil_IsOnTheImportPath()
    {
        var code = Agent("Movies", "Log.Info('dateutil %s' % parse('3 May 2019').strftime('%Y-%m-%d'))", header: "from dateutil.parser import parse\n");
        using var scenario = new TestScenario(code);

        AssertLogged(await RefreshOneAsync(scenario), "dateutil 2019-05-03");
    }

    [Fact]
    public async Task FrameworkPlatformLibrary_Lxml_ParsesAndEvaluatesThroughTheHost()
    {
        var code = Agent("Movies",
            "root = etree.fromstring('<r><b id=\"1\">x</b><b>y</b></r>'); page = html.fromstring('<html><body><p class=\"t\">Tea</p></body></html>'); " +
            "Log.Info('lxml %s %s %s %s' % (root.xpath('count(//b)'), root.xpath('//b[@id=\"1\"]/text()')[0], page.xpath('//p[@class=\"t\"]')[0].text, etree.tostring(root.xpath('//b')[1])))",
            header: "from lxml import etree, html\nns = etree.FunctionNamespace(None)\n");
        using var scenario = new TestScenario(code);

        AssertLogged(await RefreshOneAsync(scenario), "lxml 2.0 x Tea <b>y</b>");
    }

    [Fact]
    public async Task BundleSharedLibraries_ComeFirstOnTheImportPath()
    {
        // A bundle's own dateutil shadows the Framework's, as Plex inserts Contents/Libraries/Shared in front.
        var code = Agent("Movies", "Log.Info('own %s' % dateutil.OWN)", header: "import dateutil\n");
        using var scenario = new TestScenario(code, contents: new Dictionary<string, string> { ["Libraries/Shared/dateutil/__init__.py"] = "OWN = 'bundled'\n" });

        AssertLogged(await RefreshOneAsync(scenario), "own bundled");
    }

    [Fact]
    public async Task ModuleTheFrameworkLacks_FailsWithPlexsImportError()
    {
        var code = Agent("Movies", "pass", header: "import plexbox_absent_library\n");
        using var scenario = new TestScenario(code);

        var records = await RefreshOneAsync(scenario);

        var critical = Assert.Single(records, r => r.Level == "CRITICAL" && r.Module == "core");
        Assert.Equal("Exception starting plug-in (most recent call last):", critical.Message);
        Assert.Equal("ImportError: No module named plexbox_absent_library", critical.Continuation[^1]);
    }

    [Fact]
    public async Task FrameworkLibrariesWithNoPython2CopyInBullseye_FailToImportAsAMissingModuleDoes()
    {
        // BeautifulSoup 3, demjson and feedparser ship in Plex's Shared libraries but have no Python 2 copy in Debian
        // bullseye; an agent sees the interpreter's own message, and its fallback (or its own bundled copy) runs.
        var imports = string.Concat(new[] { "BeautifulSoup", "demjson", "feedparser" }.Select(name =>
            $"try:\n    import {name}\nexcept ImportError as e:\n    MISSING.append(str(e))\n"));
        var code = Agent("Movies", "Log.Info('missing: %s' % ' | '.join(MISSING))", header: "MISSING = []\n" + imports);
        using var scenario = new TestScenario(code, elevated: true);

        AssertLogged(await RefreshOneAsync(scenario), "missing: No module named BeautifulSoup | No module named demjson | No module named feedparser");
    }

    [Fact]
    public async Task HandlersAfterABareExcept_LoadAsPlexsCompilerLoadsThem_AndTheBareOneRuns()
    {
        // CPython's compiler refuses this ("default 'except:' must be last"); Plex's, Python 2's compiler package, does not.
        const string Header = "def risky():\n    try:\n        raise ValueError('x')\n    except:\n        return 'first'\n    except:\n        return 'second'\n";
        using var scenario = new TestScenario(Agent("Movies", "Log.Info('handler %s' % risky())", header: Header));

        AssertLogged(await RefreshOneAsync(scenario), "handler first");
    }

    [Fact]
    public async Task FrameworkNamesRealAgentsUse_AreThere()
    {
        // Every Locale.Language constant, Regex, lxml.objectify's deannotate, and for elevated bundles the Framework package.
        var code = Agent("Movies",
            "Log.Info('names %s %s %s %s %s %s' % (Locale.Language.NorwegianNynorsk, Locale.Language.Tagalog, Locale.Language.Match('Tagalog'), " +
            "Regex('a(b)', Regex.IGNORECASE).search('xAB').group(1), objectify.deannotate(etree.fromstring('<r/>'), xsi_nil=True), " +
            "Framework.core.LogFormatter('%(message)s').format(logging.LogRecord('n', 20, 'p', 1, 'formatted', None, None))))",
            header: "import logging\nfrom lxml import etree, objectify\n");
        using var scenario = new TestScenario(code, elevated: true);

        AssertLogged(await RefreshOneAsync(scenario), "names nn tl tl B None formatted");
    }

    [Fact]
    public async Task DefaultPrefsWithATrailingCommaAndAComment_LoadAfterPlexsDecoderWarning()
    {
        // Plex decodes strictly, warns, then falls back to a lenient decoder: such a file loads under Plex.
        var prefs = "[\n  { \"id\": \"key\", \"type\": \"text\", \"default\": \"a, b // kept\" }, // the key\n]\n";
        using var scenario = new TestScenario(Agent("Movies", "Log.Info('pref %s' % Prefs['key'])"), contents: new Dictionary<string, string> { ["DefaultPrefs.json"] = prefs });

        var records = await RefreshOneAsync(scenario);

        AssertLogged(records, "pref a, b // kept");
        Assert.Contains(records, r => r.Level == "WARNING" && r.Message.StartsWith("Error decoding with simplejson, using demjson instead (this will cause a performance hit) - ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CodeThatFailsToLoad_EndsThePluginProcess_AndItStaysDownUntilRestarted()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent.Replace("import re\n", "import re\n_x = 1\n", StringComparison.Ordinal), items: 2);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");
        await run.RefreshAsync("2");

        Assert.Empty(run.Host.Plugins.ProcessIds);
        var records = FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
        Assert.Single(records, r => r.Message == "Exception while loading code (most recent call last):");
        Assert.Single(records, r => r.Message == "Error loading bundle code");
        Assert.Equal(RefreshOutcome.PluginUnavailable, run.Host.Library.Find("2")!.LastRefresh);
    }

    [Fact]
    public async Task ElevatedPolicy_IsReadFromAPlistWithACommentBetweenKeyAndValue()
    {
        var plist = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <plist version="1.0"><dict>
              <key>CFBundleIdentifier</key>
              <!-- the bundle's identifier -->
              <string>{TestScenario.Identifier}</string>
              <key>PlexPluginCodePolicy</key>
              <!-- needs getattr -->
              <string>Elevated</string>
            </dict></plist>
            """;
        var code = Agent("Movies", "Log.Info('getattr %s' % getattr(media, 'year'))");
        using var scenario = new TestScenario(code, infoPlist: plist);

        var records = await RefreshOneAsync(scenario);

        Assert.Contains(records, r => r.Message == "Using the elevated policy");
        AssertLogged(records, "getattr 2001");
    }

    [Fact]
    public async Task TvShowAgent_GetsTheShowSeasonsAndEpisodesWithTheirFiles()
    {
        var code = Agent("TV_Shows",
            "Log.Info('search %s %s %s' % (media.show, media.season, media.episode))",
            "episode = media.seasons['2'].episodes['5']; Log.Info('update %s %s' % (media.title, episode.items[0].parts[0].file)); metadata.seasons['2'].episodes['5'].title = 'Pilot'");
        using var scenario = new TestScenario(code, sectionType: "show", files: ["/data/TV/Sample Show/Season 02/Sample Show - S02E05.mkv"]);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var records = FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
        AssertLogged(records, "search Sample Show 2 5");
        AssertLogged(records, "update Sample Show /data/TV/Sample Show/Season 02/Sample Show - S02E05.mkv");
        Assert.Equal(RefreshOutcome.Updated, run.Host.Library.Find("1")!.LastRefresh);
        Assert.Equal("show", run.Host.Library.Section(1)!.ToNode().Attributes.First(a => a.Key == "type").Value);
    }

    [Fact]
    public async Task TvShowSearch_ReadsWhatItsFlatMediaLacksFromTheItemsTree()
    {
        var code = Agent("TV_Shows", "Log.Info('search tree %s' % media.seasons['2'].episodes['5'].items[0].parts[0].file)");
        using var scenario = new TestScenario(code, sectionType: "show", files: ["/data/TV/Sample Show/Season 02/Sample Show - S02E05.mkv"]);

        AssertLogged(await RefreshOneAsync(scenario), "search tree /data/TV/Sample Show/Season 02/Sample Show - S02E05.mkv");
    }

    [Fact]
    public async Task AgentReadingTheItemsTreeFromTheServer_FindsTheEpisodesFile()
    {
        var code = Agent("TV_Shows",
            "part = XML.ElementFromURL('http://127.0.0.1:32400/library/metadata/%s/tree' % media.id).xpath('//MediaContainer/MetadataItem/MetadataItem/MetadataItem/MediaItem/MediaPart')[0]; " +
            "Log.Info('tree file %s' % part.get('file'))");
        using var scenario = new TestScenario(code, sectionType: "show", files: ["/data/TV/Sample Show/Season 02/Sample Show - S02E05.mkv"]);

        AssertLogged(await RefreshOneAsync(scenario), "tree file /data/TV/Sample Show/Season 02/Sample Show - S02E05.mkv");
    }

    [Fact]
    public async Task ParallelizeAndTask_RunEveryTaskTheParallelizedFunctionDefines_BeforeTheCallerGoesOn()
    {
        const string Header = "def run_tasks():\n    done = []\n    @parallelize\n    def work():\n        for n in [1, 2]:\n            @task\n            def step(n=n):\n                done.append(n)\n    return done\n";
        using var scenario = new TestScenario(Agent("Movies", "Log.Info('tasks %s' % run_tasks())", header: Header));

        AssertLogged(await RefreshOneAsync(scenario), "tasks [1, 2]");
    }

    [Fact]
    public async Task MusicBundle_ServesArtistSectionsWithItsArtistAgent_AndTheAlbumTree()
    {
        var code = """
            # -*- coding: utf-8 -*-
            class ArtistAgent(Agent.Artist):
                name = 'TestAgent'
                def search(self, results, media, lang, manual=False):
                    Log.Info('artist search %s' % media.artist)
                    results.Append(MetadataSearchResult(id='a1', name=media.artist, score=100, lang=lang))
                def update(self, metadata, media, lang, force=False):
                    Log.Info('artist update %s %s %s' % (media.title, media.children[0].title, media.children[0].children[0].items[0].parts[0].file))
                    metadata.title = media.title

            class AlbumAgent(Agent.Album):
                name = 'TestAgent'
                def search(self, results, media, lang, manual=False):
                    Log.Info('album search %s' % media.album)
            """;
        using var scenario = new TestScenario(code, sectionType: "artist", files: ["/data/Music/Some Artist/Some Album/01 - Song.mp3"]);

        var records = await RefreshOneAsync(scenario);

        AssertLogged(records, "artist search Some Artist");
        AssertLogged(records, "artist update Some Artist Some Album /data/Music/Some Artist/Some Album/01 - Song.mp3");
        Assert.DoesNotContain(records, r => r.Message.StartsWith("album search", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AlbumAgent_GetsTheAlbumItsArtistAndTracks()
    {
        var code = Agent("Album",
            "Log.Info('album %s by %s' % (media.album, media.parentTitle))",
            "Log.Info('tracks %s' % media.children[0].items[0].parts[0].file)");
        using var scenario = new TestScenario(code, sectionType: "album", files: ["/data/Music/Some Artist/Some Album/01 - Song.mp3"]);

        var records = await RefreshOneAsync(scenario);

        AssertLogged(records, "album Some Album by Some Artist");
        AssertLogged(records, "tracks /data/Music/Some Artist/Some Album/01 - Song.mp3");
    }

    [Fact]
    public async Task PhotoAgent_IsServedForAPhotoSection()
    {
        var code = Agent("Photos", "Log.Info('photo %s' % media.items[0].parts[0].file)");
        using var scenario = new TestScenario(code, sectionType: "photo", files: ["/data/Photos/2019/IMG_0001.jpg"]);

        AssertLogged(await RefreshOneAsync(scenario), "photo /data/Photos/2019/IMG_0001.jpg");
    }
}
