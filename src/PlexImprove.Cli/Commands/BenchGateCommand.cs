using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Changes.Gate;

namespace PlexImprove.Cli.Commands;

/// <summary><c>bench gate</c>: the Python 2.7 gate (syntax + lint) over 21 files of 430 KB, as PGMA ships 21 copies of utils.py.</summary>
public static class BenchGateCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Option<int>("--files") { DefaultValueFactory = _ => 21, Description = "How many files (default 21)." };
        var sizeKb = new Option<int>("--size-kb") { DefaultValueFactory = _ => 430, Description = "Size of each file in KB (default 430)." };
        var processes = new Option<int?>("--processes") { Description = "Checker processes at most (default: Gate:Processes, 0 = one per core)." };
        var command = new Command("gate", "Time the Python 2.7 syntax gate + Plex loader lint over 21 x 430 KB files (target < 3 s).");
        command.Options.Add(files);
        command.Options.Add(sizeKb);
        command.Options.Add(processes);
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var count = Math.Max(1, parseResult.GetValue(files));
            var bytes = Math.Max(1, parseResult.GetValue(sizeKb)) * 1024;
            var runtime = await ChangeServices.LocatePythonAsync(context, cancellationToken).ConfigureAwait(false);
            var o = context.Out;
            await o.WriteLineAsync($"Python {runtime.Version}: {runtime.ExecutablePath}").ConfigureAwait(false);
            await o.WriteLineAsync($"{Environment.ProcessorCount} cores; {count} files x {bytes / 1024} KB of Python 2.7 agent code (syntax + lint); target < 3 s").ConfigureAwait(false);

            var template = AgentSource(bytes);
            var identical = Enumerable.Range(1, count)
                .Select(i => new GateSource($"Bundle{i:00}.bundle/Contents/Code/utils.py", template)).ToList();
            var distinct = Enumerable.Range(1, count)
                .Select(i => new GateSource($"Bundle{i:00}.bundle/Contents/Code/utils.py", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(template) + $"\nBUNDLE_NUMBER = {i}\n"))).ToList();

            await RunAsync(context, runtime, parseResult.GetValue(processes), "warm-up (1 file)", [identical[0]], cancellationToken).ConfigureAwait(false);
            await o.WriteLineAsync($"load average before: {LoadAverage()}").ConfigureAwait(false);
            var copies = await RunAsync(context, runtime, parseResult.GetValue(processes), $"{count} identical copies (the PGMA case)", identical, cancellationToken).ConfigureAwait(false);
            var different = await RunAsync(context, runtime, parseResult.GetValue(processes), $"{count} distinct files", distinct, cancellationToken).ConfigureAwait(false);
            await o.WriteLineAsync(
                $"result: identical copies {copies.TotalSeconds:0.00} s, distinct files {different.TotalSeconds:0.00} s " +
                $"({(different.TotalSeconds < 3 ? "within" : "over")} the 3 s target for distinct files)").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<TimeSpan> RunAsync(CliContext context, PlexImprove.Python.Runtime.Python27Runtime runtime, int? processes, string label, List<GateSource> sources, CancellationToken cancellationToken)
    {
        var gate = ChangeServices.CreateGate(context, runtime, processes);
        var watch = Stopwatch.StartNew();
        var results = await gate.CheckAsync(sources, GateChecks.All, cancellationToken).ConfigureAwait(false);
        watch.Stop();
        var totalBytes = sources.Sum(s => (long)s.Content.Length);
        var findings = results.Sum(r => r.Findings.Count);
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-38} {watch.Elapsed.TotalSeconds,6:0.00} s  {totalBytes / 1048576.0,6:0.0} MB  {totalBytes / 1048576.0 / watch.Elapsed.TotalSeconds,6:0.0} MB/s  " +
            $"{gate.ProcessesStarted} process(es)  cpu {gate.ProcessorTime.TotalSeconds:0.00} s  {findings} finding(s)")).ConfigureAwait(false);
        return watch.Elapsed;
    }

    /// <summary>The 1-minute load average on Linux (other work on the machine slows the wall-clock figures; cpu time is not affected).</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>Realistic agent code (search/update functions, XPath scraping, classes, Python 2 idioms, non-ASCII under a coding line) of about <paramref name="size"/> bytes.</summary>
    private static byte[] AgentSource(int size)
    {
        var text = new StringBuilder("# -*- coding: utf-8 -*-\n# encoding=utf8\nimport re, os, urllib, urllib2, json\nfrom datetime import datetime\n\n");
        for (var i = 1; text.Length < size; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""

                def getSiteInfo{{i}}(agent, url, html, siteNum):
                    '''Reads the scene page of site {{i}} (Café, Señor).'''
                    siteInfo = {}
                    count = 0
                    try:
                        html = HTML.ElementFromURL(url, headers={'User-Agent': 'Mozilla/5.0'}, sleep=0.5)
                        for node in html.xpath('//div[@class="scene"]'):
                            title = node.xpath('./a/text()')[0].strip()
                            siteInfo[title] = {'url': node.xpath('./a/@href')[0], 'index': count}
                            count += 1
                        if count > 10 and siteNum in (1, 2, 3):
                            print "many scenes", count
                    except Exception, e:
                        Log.Error('Error %s: %s' % (url, e))
                    return siteInfo

                class Film{{i}}(object):
                    def __init__(self, title, year=None):
                        self.title = title
                        self.year = year
                        self.cast = [x.strip() for x in title.split(',') if x]

                    def describe(self):
                        return u'%s (%s)' % (self.title, self.year or 'unknown')

                """);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
