using System.Text;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Plugins;

/// <summary>
/// A bundle shaped like the public PGMA agents: elevated policy, a large shared utils.py imported by __init__.py that
/// reads the plug-in's globals, a library in Contents/Libraries/Shared, Core.storage, Locale.Language, an update
/// without a force parameter and an HTTP call through the bundled library, with the network contained.
/// </summary>
public sealed class RealWorldAgentTests
{
    private const string Init = """
        # -*- coding: utf-8 -*-
        import os, re
        AGENT = 'TestAgent'
        VERSION_NO = '2024.01.01.1'
        PREFIX = 'PGMA'

        class PlexLogAdapter(object):
            def __init__(self, name):
                self.name = name

            def info(self, text):
                Log.Info('%s - %s' % (self.name, text))

        import utils

        def Start():
            HTTP.CacheTime = CACHE_1WEEK
            utils.log('START:: %s %s' % (AGENT, VERSION_NO))

        class TestAgent(Agent.Movies):
            name = AGENT
            languages = [Locale.Language.English, Locale.Language.German]
            primary_provider = True
            media_types = ['Movie']

            def search(self, results, media, lang):
                utils.log('SEARCH:: language %s' % Locale.Language.Match('English'))
                title = re.sub(r'^\(.*?\) - ', '', media.name)
                page = utils.fetch('http://www.testsite.example/search?q=' + String.Quote(title))
                for link in HTML.ElementFromString(page).xpath('//a[@class="r"]'):
                    if link.text_content() == title:
                        results.Append(MetadataSearchResult(id=link.get('href').split('/')[-1], name=title, score=100, lang=lang))
                utils.log('SEARCH:: **** >> Successful!! << ****')

            def update(self, metadata, media, lang):
                page = HTML.ElementFromString(utils.fetch('http://www.testsite.example/film/' + metadata.id))
                metadata.title = page.xpath('//h1/text()')[0]
                metadata.summary = page.xpath('//p[@class="summary"]/text()')[0]
                metadata.extras.add(TrailerObject(url='http://www.testsite.example/t.mp4', title='Trailer'))
                utils.log('UPDATE:: **** >> Successful!! << ****')
        """;

    private const string Requests = """
        # A stand-in for the requests library PGMA bundles ship: get() through urllib2.
        import urllib2

        class Response(object):
            def __init__(self, url, text, status_code):
                self.url = url
                self.text = text
                self.status_code = status_code

        def get(url, headers=None, timeout=20):
            request = urllib2.Request(url, headers=headers or {})
            handle = urllib2.urlopen(request, timeout=timeout)
            return Response(url, handle.read(), handle.getcode())
        """;

    /// <summary>utils.py: reads AGENT from the plug-in's globals, stores a file with Core.storage, and is about 430 KB.</summary>
    private static string Utils()
    {
        var text = new StringBuilder("""
            # -*- coding: utf-8 -*-
            import json
            import requests
            from __init__ import PlexLogAdapter

            LOGGER = PlexLogAdapter(AGENT)

            def log(message):
                LOGGER.info(message)

            def fetch(url):
                response = requests.get(url, headers={'User-Agent': 'Mozilla/5.0'})
                folder = Core.storage.join_path(Core.app_support_path, 'Plug-in Support', 'Data', AGENT)
                Core.storage.ensure_dirs(folder)
                Core.storage.save(Core.storage.join_path(folder, 'last.json'), json.dumps({'url': url, 'status': response.status_code}))
                return response.text

            """);
        for (var i = 0; text.Length < 430 * 1024; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""

                def siteRule{{i}}(html, siteNum):
                    '''Reads site {{i}}: Café.'''
                    found = []
                    for node in html.xpath('//div[@class="scene"]'):
                        title = node.xpath('./a/text()')[0].strip()
                        if title and siteNum in (1, 2, 3):
                            found.append({'title': title, 'agent': AGENT, 'index': len(found)})
                    return found

                """);
        }

        return text.ToString();
    }

    [Fact]
    public async Task PgmaShapedBundle_LoadsSearchesAndUpdatesInTheSandbox()
    {
        var contents = new Dictionary<string, string>
        {
            ["Code/utils.py"] = Utils(),
            ["Libraries/Shared/requests/__init__.py"] = Requests,
        };
        using var scenario = new TestScenario(Init, items: 1, elevated: true, contents: contents);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var records = FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
        Assert.Contains(records, r => r.Message == "Using the elevated policy");
        Assert.Contains(records, r => r.Message == "Started plug-in");
        Assert.Contains(records, r => r.Module == "logkit" && r.Message == "TestAgent - START:: TestAgent 2024.01.01.1");
        Assert.Contains(records, r => r.Message == "TestAgent - SEARCH:: language en");
        Assert.Contains(records, r => r.Message == "TestAgent - UPDATE:: **** >> Successful!! << ****");
        Assert.DoesNotContain(records, r => r.Level == "CRITICAL" && r.Module != "runtime");
        var item = run.Host.Library.Find("1")!;
        Assert.Equal(RefreshOutcome.Updated, item.LastRefresh);
        Assert.Equal("Film 1", item.Title);
        var stored = Path.Combine(run.Host.Connection.Dir, "Plug-in Support", "Data", "TestAgent", "last.json");
        Assert.Contains("/film/f1", await File.ReadAllTextAsync(stored, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
