using System.Diagnostics;
using System.Net.Http.Json;
using PlexImprove.Python.Runtime;
using PlexImprove.Sandbox.Hosting;
using PlexImprove.Sandbox.Plugins;
using PlexImprove.Sandbox.Providers;

namespace PlexImprove.Sandbox.Benchmarks;

/// <summary>
/// Times what serving an agent as a provider adds to the agent's own work: each round runs the same search (and the
/// same update) once straight through the box's plug-in process, as a refresh runs it, and once as a provider call over
/// HTTP (match body parsed, search, answer built and sent); the overhead is the difference, paired round by round.
/// The agent parses a page through the box's parser, as real agents do, and reaches no network.
/// </summary>
public static class ProviderBenchmark
{
    private const string Identifier = "com.plexapp.agents.benchprovider";

    private const string AgentCode = """
        # -*- coding: utf-8 -*-
        PAGE = '<html><body>' + ''.join('<div class="r"><a href="/film/%d">Film %d</a><span class="y">%d</span><p>Summary %d</p></div>' % (i, i, 2000 + i % 20, i) for i in range(60)) + '</body></html>'

        class BenchProvider(Agent.Movies):
            name = 'Bench Provider'
            languages = ['en']

            def search(self, results, media, lang, manual):
                page = HTML.ElementFromString(PAGE)
                for node in page.xpath('//div[@class="r"]')[:10]:
                    title = node.xpath('./a/text()')[0]
                    key = node.xpath('./a/@href')[0].split('/')[-1]
                    year = int(node.xpath('./span[@class="y"]/text()')[0])
                    score = 100 if title == media.name else 50
                    results.Append(MetadataSearchResult(id=key, name=title, year=year, score=score, lang=lang))

            def update(self, metadata, media, lang, force):
                page = HTML.ElementFromString(PAGE)
                node = page.xpath('//div[@class="r"][a/@href="/film/%s"]' % metadata.id)[0]
                metadata.title = node.xpath('./a/text()')[0]
                metadata.year = int(node.xpath('./span[@class="y"]/text()')[0])
                metadata.summary = node.xpath('./p/text()')[0]
                metadata.studio = 'Bench Studio'
                for genre in ['Drama', 'Comedy', 'Documentary']:
                    metadata.genres.add(genre)
                for n in range(10):
                    role = metadata.roles.new()
                    role.name = 'Actor %d' % n
                metadata.posters['http://img.example/%s.jpg' % metadata.id] = Proxy.Media('x')
        """;

    public static async Task<ProviderBenchmarkResult> RunAsync(Python27Runtime python, int rounds, CancellationToken ct)
    {
        var root = Path.Combine(Path.GetTempPath(), "provider-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var contents = Path.Combine(root, "Plug-ins", "BenchProvider.bundle", "Contents");
        Directory.CreateDirectory(Path.Combine(contents, "Code"));
        await File.WriteAllTextAsync(Path.Combine(contents, "Info.plist"), $"<plist><dict><key>CFBundleIdentifier</key><string>{Identifier}</string></dict></plist>", ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(contents, "Code", "__init__.py"), AgentCode, ct).ConfigureAwait(false);
        try
        {
            var options = new ProviderOptions { PluginsDir = Path.Combine(root, "Plug-ins"), LogsDir = Path.Combine(root, "Logs"), Port = 0, Network = SandboxNetwork.Fake };
            var started = Stopwatch.GetTimestamp();
            await using var host = await ProviderHost.StartAsync(options, python, TimeProvider.System, ct).ConfigureAwait(false);
            var startup = Stopwatch.GetElapsedTime(started);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Server.Port}") };
            var process = await host.Plugins.GetAsync(Identifier, ct).ConfigureAwait(false);
            var media = new PluginMedia("1", "Film 7", 2007, "/data/Movies/Film 7 (2007).mkv");
            var box = new List<(double Match, double Metadata)>();
            var provider = new List<(double Match, double Metadata)>();
            for (var round = -3; round < rounds; round++)
            {
                // Warm-up rounds (negative) are not counted: the first calls pay for JIT and connection set-up.
                var t0 = Stopwatch.GetTimestamp();
                await process.SearchAsync(media, 1, ct).ConfigureAwait(false);
                var t1 = Stopwatch.GetTimestamp();
                await process.UpdateAsync(media, "7", 1, ct).ConfigureAwait(false);
                var t2 = Stopwatch.GetTimestamp();
                using (var match = await http.PostAsJsonAsync("/benchprovider/library/metadata/matches", new { type = 1, title = "Film 7", year = 2007, filename = "Movies/Film 7 (2007).mkv" }, ct).ConfigureAwait(false))
                {
                    match.EnsureSuccessStatusCode();
                    await match.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                }

                var t3 = Stopwatch.GetTimestamp();
                using (var metadata = await http.GetAsync("/benchprovider/library/metadata/i7", ct).ConfigureAwait(false))
                {
                    metadata.EnsureSuccessStatusCode();
                    await metadata.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                }

                var t4 = Stopwatch.GetTimestamp();
                if (round >= 0)
                {
                    box.Add((Ms(t0, t1), Ms(t1, t2)));
                    provider.Add((Ms(t2, t3), Ms(t3, t4)));
                }
            }

            return new ProviderBenchmarkResult(startup, box, provider);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temporary folder.
            }
        }
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
