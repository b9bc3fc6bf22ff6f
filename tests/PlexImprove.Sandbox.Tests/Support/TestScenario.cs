using System.Text.Json;

namespace PlexImprove.Sandbox.Tests.Support;

/// <summary>Writes a small scenario folder: one agent bundle with the given code, one site, one section.</summary>
internal sealed class TestScenario : IDisposable
{
    public const string Identifier = "com.plexapp.agents.TestAgent";
    public const string Host = "www.testsite.example";

    public TestScenario(string agentCode, object? behaviours = null, int items = 2, string? siblingModule = null,
        bool elevated = false, IReadOnlyDictionary<string, string>? contents = null, string? infoPlist = null,
        string? sectionType = null, IReadOnlyList<string>? files = null, IReadOnlyList<(string Name, string Identifier, string Code)>? otherBundles = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "sandbox-test-" + Guid.NewGuid().ToString("N")[..8]);
        var code = Path.Combine(Root, "Plug-ins", "TestAgent.bundle", "Contents", "Code");
        Directory.CreateDirectory(code);
        File.WriteAllText(Path.Combine(Root, "Plug-ins", "TestAgent.bundle", "Contents", "Info.plist"), infoPlist ??
            $"<plist><dict><key>CFBundleIdentifier</key><string>{Identifier}</string>{(elevated ? "<key>PlexPluginCodePolicy</key><string>Elevated</string>" : "")}</dict></plist>");
        foreach (var (relative, text) in contents ?? new Dictionary<string, string>())
        {
            var path = Path.Combine(Root, "Plug-ins", "TestAgent.bundle", "Contents", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        File.WriteAllText(Path.Combine(code, "__init__.py"), agentCode);
        foreach (var (name, identifier, otherCode) in otherBundles ?? [])
        {
            var otherContents = Path.Combine(Root, "Plug-ins", name + ".bundle", "Contents");
            Directory.CreateDirectory(Path.Combine(otherContents, "Code"));
            File.WriteAllText(Path.Combine(otherContents, "Info.plist"), $"<plist><dict><key>CFBundleIdentifier</key><string>{identifier}</string></dict></plist>");
            File.WriteAllText(Path.Combine(otherContents, "Code", "__init__.py"), otherCode);
        }

        if (siblingModule is not null)
        {
            File.WriteAllText(Path.Combine(code, "helpers.py"), siblingModule);
        }

        Directory.CreateDirectory(Path.Combine(Root, "site"));
        var catalog = Enumerable.Range(1, items).Select(i => new { id = $"f{i}", title = $"Film {i}", year = 2000 + i, studio = "Studio", summary = $"Summary {i}" });
        File.WriteAllText(Path.Combine(Root, "site", "catalog.json"), JsonSerializer.Serialize(catalog));
        File.WriteAllText(Path.Combine(Root, "site", "search.html"), "<html><body>{{#results}}<a class=\"r\" href=\"/film/{{id}}\">{{title}}</a>{{/results}}</body></html>");
        File.WriteAllText(Path.Combine(Root, "site", "film.html"), "<html><body><h1>{{title}}</h1><p class=\"summary\">{{summary}}</p></body></html>");
        var manifest = new
        {
            name = "test",
            description = "test scenario",
            sections = new[]
            {
                new
                {
                    id = 1, title = "Films", agent = Identifier, type = sectionType,
                    items = (files ?? [.. Enumerable.Range(1, items).Select(i => $"/data/(Studio) - Film {i} ({2000 + i}).mp4")]).Select(file => new { file }).ToArray(),
                },
            },
            sites = new[]
            {
                new
                {
                    name = "test",
                    hosts = new[] { Host },
                    catalog = "site/catalog.json",
                    routes = new object[]
                    {
                        new { path = "/search", kind = "search", query = "q", template = "site/search.html" },
                        new { path = "/film/{id}", kind = "detail", template = "site/film.html" },
                    },
                    behaviours = behaviours ?? new { },
                },
            },
        };
        File.WriteAllText(Path.Combine(Root, "scenario.json"), JsonSerializer.Serialize(manifest));
    }

    public string Root { get; }

    /// <summary>A well-behaved agent: searches the site, matches by title, updates title and summary.</summary>
    public const string HealthyAgent = """
        # -*- coding: utf-8 -*-
        import re

        HEADERS = {'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)', 'Accept-Language': 'en'}
        TIMEOUT = 20

        def Start():
            Log.Info('TestAgent  - START:: started')

        class TestAgent(Agent.Movies):
            name = 'TestAgent'
            languages = [Locale.Language.English]
            primary_provider = True

            def search(self, results, media, lang, manual):
                title = re.sub(r'^\(.*?\) - ', '', media.name)
                try:
                    page = HTML.ElementFromURL('http://www.testsite.example/search?q=' + String.Quote(title), headers=HEADERS, timeout=TIMEOUT)
                except Exception as e:
                    Log.Error('TestAgent - SEARCH::    Error: Search Query did not pull any results: %s' % e)
                    Log.Info('TestAgent  - SEARCH:: **** >> Failed << ****')
                    return
                for link in page.xpath('//a[@class="r"]'):
                    if link.text_content() == title:
                        results.Append(MetadataSearchResult(id=link.get('href').split('/')[-1], name=title, year=media.year, score=100, lang=lang))
                Log.Info('TestAgent  - SEARCH:: **** >> Successful!! << ****')

            def update(self, metadata, media, lang, force):
                page = HTML.ElementFromURL('http://www.testsite.example/film/' + metadata.id, headers=HEADERS, timeout=TIMEOUT)
                metadata.title = page.xpath('//h1/text()')[0]
                metadata.summary = page.xpath('//p[@class="summary"]/text()')[0]
                Log.Info('TestAgent  - UPDATE:: **** >> Successful!! << ****')
        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
