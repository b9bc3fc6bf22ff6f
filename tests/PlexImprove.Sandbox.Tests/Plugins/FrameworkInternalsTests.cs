using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Plugins;

/// <summary>
/// The Framework internals agents reach for while they load, shaped like a subtitle agent's support modules (an
/// elevated sibling module run at import): <c>Core.runtime</c>, <c>Core.log</c> (a logging logger with a rotating file
/// handler), <c>Data._core.storage.data_path</c>, <c>Core.localization</c> and the module of its string classes, the
/// menu API (<c>@handler</c>, <c>@route</c>, <c>Callback</c>, <c>R</c>, <c>Redirect._object_class</c>), <c>Hash</c>,
/// <c>Dict</c> and lxml's HTML parser.
/// </summary>
public sealed class FrameworkInternalsTests
{
    private const string Init = """
        import support

        def Start():
            Log.Info('started after support')

        class TestAgent(Agent.Movies):
            name = 'TestAgent'
            languages = [Locale.Language.English]
            primary_provider = True

            def search(self, results, media, lang):
                results.Append(MetadataSearchResult(id='tt1', name=media.name, score=100, lang=lang))

            def update(self, metadata, media, lang):
                metadata.title = 'Matched'
        """;

    private const string Support = """
        # -*- coding: utf-8 -*-
        import inspect
        import logging
        import os

        from lxml import etree

        core = getattr(Data, '_core')
        Log.Info('runtime %s %s %s' % (Core.runtime.os, Core.runtime.cpu, Core.runtime.platform))
        Log.Info('data path %s' % core.storage.data_path.endswith(os.path.join('Plug-in Support', 'Data', 'com.plexapp.agents.TestAgent')))
        Data.Save('lists/cached.xml', '<list/>')
        Log.Info('data item in DataItems %s' % os.path.isfile(os.path.join(core.storage.data_path, 'DataItems', 'lists', 'cached.xml')))
        for log_handler in Core.log.handlers:
            Log.Info('log handler %s %s' % (getattr(getattr(log_handler, '__class__'), '__name__'), os.path.basename(log_handler.baseFilename)))
        Core.log.setLevel(logging.INFO)
        Log.Debug('hidden while the level is INFO')
        Log.Info('shown while the level is INFO')
        Core.log.setLevel(logging.DEBUG)
        Core.log.info('through the logger %s', 'too')

        Log.Info('logging.handlers with logging %s' % (getattr(getattr(logging, 'handlers'), 'RotatingFileHandler', None) is not None))
        Log.Info('capped xml %s' % XML.ElementFromString('<?xml version="1.0"?><list><a/></list>', max_size=1024).tag)
        Log.Info('hash %s crc %s' % (Hash.SHA1('abc'), Hash.CRC32('abc')))
        Log.Info('dict miss %s' % Dict['never set'])
        Log.Info('uuid length %d' % len(String.UUID()))

        strings = inspect.getmodule(getattr(Core.localization, '__class__'))

        class Shout(strings.LocalStringFormatter):
            def __str__(self):
                return strings.LocalStringFormatter.__str__(self).upper()

        Log.Info('localized %s / %s / %s / %s' % (unicode(L('title')), str(F('greeting', 'you')),
                                                  str(Shout(strings.LocalString(core, 'greeting', 'en'), ('box',))), str(L('no such key'))))

        @handler('/video/testagent', 'Test Agent')
        def MainMenu():
            return ObjectContainer()

        @route('/video/testagent/item')
        def Item(key=None):
            return None

        Plugin.AddViewGroup('Details', viewMode='InfoList', mediaType='items')
        ObjectClass = getattr(getattr(Redirect, '_object_class'), '__bases__')[0]

        class ZipFile(ObjectClass):
            def __init__(self, data):
                ObjectClass.__init__(self, '')
                self.data = data
                self.SetHeader('Content-Type', 'application/zip')

        Log.Info('menu %s | %s | %s | %s' % (Callback(Item, key='k1'), R('icon-default.png'), R('missing.png'), ZipFile('z').Headers()['Content-Type']))

        page = etree.fromstring('<?xml version="1.0"?><MediaContainer size="1"><Directory key="1"/></MediaContainer>', parser=etree.HTMLParser())
        bodies = [e for e in page if e.tag == 'body']
        Log.Info('lxml html root %s, body holds %s' % (page.tag, bodies[0][0].tag))
        """;

    [Fact]
    public async Task SupportModuleReachingIntoTheFramework_LoadsAndGetsWhatPlexGivesIt()
    {
        var contents = new Dictionary<string, string>
        {
            ["Code/support.py"] = Support,
            ["Strings/en.json"] = """{"title": "Title", "greeting": "Hello %s"}""",
            ["Resources/icon-default.png"] = "png",
        };
        using var scenario = new TestScenario(Init, items: 1, elevated: true, contents: contents);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var records = FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
        var messages = records.Select(r => r.Message).ToList();
        Assert.DoesNotContain(records, r => r.Message.StartsWith("Exception starting plug-in", StringComparison.Ordinal));
        Assert.Contains("started after support", messages);
        // The Framework names a 64-bit Intel machine "i386" (agents ship Linux binaries under Libraries/Linux/i386).
        var runtime = Assert.Single(messages, m => m.StartsWith("runtime ", StringComparison.Ordinal)).Split(' ');
        Assert.Equal(("Linux", $"Linux-{runtime[2]}"), (runtime[1], runtime[3]));
        if (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.Equal("i386", runtime[2]);
        }

        Assert.Contains("data path True", messages);
        Assert.Contains("data item in DataItems True", messages);
        Assert.Contains("log handler RotatingFileHandler com.plexapp.agents.TestAgent.log", messages);
        Assert.DoesNotContain("hidden while the level is INFO", messages);
        Assert.Contains("shown while the level is INFO", messages);
        Assert.Contains(records, r => r.Level == "INFO" && r.Module == "support" && r.Message == "through the logger too");
        Assert.Contains("hash a9993e364706816aba3e25717850c26c9cd0d89d crc 352441C2", messages);
        Assert.Contains("dict miss None", messages);
        Assert.Contains("logging.handlers with logging True", messages);
        Assert.Contains("capped xml list", messages);
        Assert.Contains("uuid length 36", messages);
        Assert.Contains("localized Title / Hello you / HELLO BOX / no such key", messages);
        var menu = Assert.Single(messages, m => m.StartsWith("menu ", StringComparison.Ordinal)).Split(" | ");
        Assert.Equal("menu /video/testagent/item?key=k1", menu[0]);
        Assert.StartsWith("/:/plugins/com.plexapp.agents.TestAgent/resources/icon-default.png?t=", menu[1], StringComparison.Ordinal);
        Assert.Equal(["None", "application/zip"], menu[2..]);
        Assert.Contains("lxml html root html, body holds mediacontainer", messages);
        Assert.Equal("Matched", run.Host.Library.Find("1")!.Title);
    }

    [Fact]
    public async Task AgentNamedInItsInit_IsNamedSoWhenItsSearchFails()
    {
        const string code = """
            class TestAgent(Agent.Movies):
                name = 'Class name'
                languages = ['en']

                def __init__(self):
                    self.name = 'Named at init'

                def search(self, results, media, lang):
                    raise ValueError('no results page')

                def update(self, metadata, media, lang):
                    pass
            """;
        using var scenario = new TestScenario(code, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        Assert.Contains(FrameworkLog.Records(run.ReadLog(TestScenario.Identifier)),
            r => r.Level == "CRITICAL" && r.Message.StartsWith("Exception in the search function of agent named 'Named at init'", StringComparison.Ordinal));
    }

    private const string PrimaryAgent = """
        class TestAgent(Agent.Movies):
            name = 'TestAgent'
            languages = ['en']
            primary_provider = True

            def search(self, results, media, lang):
                results.Append(MetadataSearchResult(id='tt1', name=media.name, score=100, lang=lang))

            def update(self, metadata, media, lang):
                metadata.title = 'Matched'
        """;

    /// <summary>A subtitle agent's shape: the attributes on a base class, one class per media type.</summary>
    private const string SubtitleAgent = """
        class SubtitlesBase(object):
            name = 'Subtitles'
            languages = ['en']
            primary_provider = False

            def search(self, results, media, lang):
                results.Append(MetadataSearchResult(id='null', score=100))

            def update(self, metadata, media, lang):
                agents = XML.ElementFromURL('http://127.0.0.1:32400/system/agents')
                config = XML.ElementFromURL('http://127.0.0.1:32400/system/agents/com.plexapp.agents.TestAgent/config/1')
                Log.Info('subtitles update for %s; agents %s; for TestAgent %s' % (media.guid,
                         sorted([a.get('identifier') + '/' + a.get('primary') for a in agents.xpath('//Agent')]),
                         [a.get('identifier') + '/' + a.get('enabled') for a in config.xpath('//Agent')]))

        class SubtitlesMovies(SubtitlesBase, Agent.Movies):
            contributes_to = ['com.plexapp.agents.TestAgent']
        """;

    [Fact]
    public async Task SubtitleAgent_UpdatesAfterThePrimary_WithThePrimarysGuid_AndFindsItselfInTheServersAgentDirectory()
    {
        using var scenario = new TestScenario(PrimaryAgent, items: 1, otherBundles: [("Subtitles", "com.plexapp.agents.subtitles", SubtitleAgent)]);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var messages = FrameworkLog.Records(run.ReadLog("com.plexapp.agents.subtitles")).Select(r => r.Message).ToList();
        Assert.Contains(
            "subtitles update for com.plexapp.agents.TestAgent://tt1?lang=en; "
            + "agents ['com.plexapp.agents.TestAgent/1', 'com.plexapp.agents.subtitles/0']; "
            + "for TestAgent ['com.plexapp.agents.TestAgent/1', 'com.plexapp.agents.subtitles/1']",
            messages);
    }
}
