using System.Globalization;
using PlexImprove.Core.Metrics;
using Spectre.Console;

namespace PlexImprove.Cli.Rendering;

/// <summary>The readable summary <c>aggregate</c> prints when no output file is asked for.</summary>
public static class AggregateSummaryRenderer
{
    private const int TopSignatures = 10;

    public static void Render(MetricsDocument metrics, TextWriter writer)
    {
        var console = ConsoleFactory.For(writer, interactive: ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected);
        var files = metrics.Files;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{metrics.LogsDir}: {files.Count} file(s), {files.Sum(f => f.Bytes) / 1024.0:0} KiB, {files.Sum(f => f.Records)} records"));
        foreach (var note in metrics.Notes)
        {
            console.WriteLine("note: " + note);
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("agent", "started", "succeeded", "failed", "unfinished", "success rate (95% CI)", "top error");
        foreach (var column in table.Columns.Skip(1).Take(4))
        {
            column.RightAligned();
        }

        var topByAgent = metrics.Signatures
            .SelectMany(s => s.Agents.Select(a => (agent: a, signature: s)))
            .GroupBy(x => x.agent, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().signature, StringComparer.Ordinal);
        foreach (var (agent, counts) in metrics.Agents)
        {
            var top = topByAgent.TryGetValue(agent, out var s) ? $"{s.Kind}: {Clip(s.Text, 60)}" : "";
            table.AddRow(Row(agent, counts, top));
        }

        table.AddRow(Row("all agents", metrics.Totals, ""));
        console.Write(table);

        if (metrics.Signatures.Count > 0)
        {
            var signatures = new Table().Border(TableBorder.Rounded).Title("top error signatures");
            signatures.AddColumns("id", "kind", "count", "agents", "template");
            signatures.Columns[2].RightAligned();
            foreach (var s2 in metrics.Signatures.Take(TopSignatures))
            {
                signatures.AddRow(
                    Markup.Escape(s2.Id), s2.Kind, s2.Count.ToString(CultureInfo.InvariantCulture),
                    s2.Agents.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(Clip(s2.Text, 90)));
            }

            console.Write(signatures);
            if (metrics.Signatures.Count > TopSignatures)
            {
                console.WriteLine($"{metrics.Signatures.Count - TopSignatures} more signature(s): use --json or --out for all.");
            }
        }
    }

    private static string[] Row(string name, Counts c, string top) =>
    [
        Markup.Escape(name),
        c.Started.ToString(CultureInfo.InvariantCulture),
        c.Succeeded.ToString(CultureInfo.InvariantCulture),
        (c.SearchesFailed + c.UpdatesFailed).ToString(CultureInfo.InvariantCulture),
        (c.SearchesUnfinished + c.UpdatesUnfinished).ToString(CultureInfo.InvariantCulture),
        c.SuccessRate is { } rate && c.SuccessRateCi95 is [var lo, var hi]
            ? string.Create(CultureInfo.InvariantCulture, $"{rate * 100:0.0}% ({lo * 100:0.0}–{hi * 100:0.0})")
            : "n/a",
        Markup.Escape(top),
    ];

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
