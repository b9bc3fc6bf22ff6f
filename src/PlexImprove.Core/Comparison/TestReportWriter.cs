using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PlexImprove.Core.Errors;
using PlexImprove.Core.IO;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Statistics;

namespace PlexImprove.Core.Comparison;

/// <summary>Writes <c>test_report_&lt;fix-id&gt;.md</c> and <c>.json</c> into an iteration folder.</summary>
public static class TestReportWriter
{
    /// <summary>Indented JSON, enums as camelCase strings, local timestamps as in the metrics document.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new LocalDateTimeConverter(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The file name stem for a fix (<c>test_report_&lt;fix-id&gt;</c>); rejects ids that are not file-name safe.</summary>
    public static string FileStem(string fixId)
    {
        if (string.IsNullOrWhiteSpace(fixId) || fixId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || fixId.StartsWith('.'))
        {
            throw new InvalidInputException($"Fix id '{fixId}' must use only letters, digits, '-', '_' and '.', e.g. 'fix-001'.");
        }

        return "test_report_" + fixId;
    }

    /// <summary>Writes both files and returns their paths (Markdown first).</summary>
    public static (string Markdown, string Json) Write(string iterationDir, TestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(iterationDir);
        string stem = Path.Combine(iterationDir, FileStem(report.FixId));
        string json = stem + ".json";
        string markdown = stem + ".md";
        WriteAtomically(json, Serialize(report));
        WriteAtomically(markdown, RenderMarkdown(report));
        return (markdown, json);
    }

    public static string Serialize(TestReport report) => JsonSerializer.Serialize(report, Options);

    public static TestReport Deserialize(string json) =>
        JsonSerializer.Deserialize<TestReport>(json, Options) ?? throw new InvalidInputException("The test report is empty.");

    /// <summary>The human report: decision first, then the items, then every delta.</summary>
    public static string RenderMarkdown(TestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Comparison;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Test report: {report.FixId}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**Decision: {c.Decision.Decision.ToString().ToUpperInvariant()}**{(c.Decision.TooFewItems ? " (too few items to tell)" : "")} — {c.Decision.Reason}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Agents: {string.Join(", ", report.Agents)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Server: {report.PlexUrl}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Baseline window: {Window(report.BaselineWindow)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Test window: {Window(report.TestWindow)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Thresholds: keep ≥ {Pct(c.Thresholds.KeepAtLeast)}, monitor ≥ {Pct(c.Thresholds.MonitorAtLeast)}, interval at most {c.Thresholds.MaxIntervalWidthPoints.ToString(CultureInfo.InvariantCulture)} points wide");
        md.AppendLine();

        md.AppendLine("## Same items, before and after");
        md.AppendLine();
        md.AppendLine("| | succeeded | rate | 95% CI |");
        md.AppendLine("|---|---|---|---|");
        md.AppendLine(Rate("before (baseline)", c.Before));
        md.AppendLine(Rate("after (this test)", c.After));
        md.AppendLine(Rate("failed items repaired", c.FailedItemsRepaired));
        md.AppendLine(Rate("control items held", c.ControlsHeld));
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Fisher's exact test: two-sided {P(c.FisherPValue)}; one-sided (after better) {P(c.FisherPValueImproved)}.");
        md.AppendLine("An item succeeds only when its plugin-log session succeeded AND Plex shows the matched fields.");
        md.AppendLine();

        md.AppendLine("## Critical results");
        md.AppendLine();
        if (c.Critical.Count == 0)
        {
            md.AppendLine("None.");
        }
        else
        {
            foreach (var critical in c.Critical)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- **{critical.Kind}**: {Cell(critical.Detail)}");
            }
        }

        md.AppendLine();
        md.AppendLine("## Items");
        md.AppendLine();
        md.AppendLine("| ratingKey | title | role | baseline | log | Plex | outcome | reason |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var item in report.Items)
        {
            string plex = item.Plex is null ? "—" : item.Plex.Passed ? "ok" : string.Join(", ", item.Plex.Missing());
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(item.RatingKey)} | {Cell(item.Title ?? "")} | {item.Role} | {(item.BaselineSucceeded ? "succeeded" : "failed")} | {item.LogOutcome} | {Cell(plex)} | **{item.Outcome}** | {Cell(item.Reason)} |");
        }

        md.AppendLine();
        md.AppendLine("## New error signatures");
        md.AppendLine();
        if (c.NewSignatures.Count == 0)
        {
            md.AppendLine("None.");
        }
        else
        {
            foreach (var s in c.NewSignatures)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- `{s.Id}` ({s.Kind}, {s.Counts.After}×): {Cell(s.Text)}");
            }
        }

        md.AppendLine();
        md.AppendLine("## Deltas (per 100 sessions started; the windows differ in length)");
        md.AppendLine();
        DeltaTable(md, "counter", c.Counters);
        DeltaTable(md, "HTTP code", c.HttpErrors);
        DeltaTable(md, "exception", c.Exceptions);
        DeltaTable(md, "signature", c.Signatures.Select(s => new CounterDelta
        {
            Name = $"`{s.Id}`{(s.IsNew ? " (new)" : "")} {s.Text}",
            Before = s.Counts.Before,
            After = s.Counts.After,
            BeforePer100 = s.Counts.BeforePer100,
            AfterPer100 = s.Counts.AfterPer100,
        }).ToList());

        if (report.Notes.Count > 0)
        {
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (var note in report.Notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Cell(note)}");
            }
        }

        return md.ToString();
    }

    private static void DeltaTable(StringBuilder md, string what, IReadOnlyList<CounterDelta> deltas)
    {
        if (deltas.Count == 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"No {what} entries.");
            md.AppendLine();
            return;
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| {what} | before | after | before /100 | after /100 | Δ /100 |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var d in deltas)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(d.Name)} | {d.Before} | {d.After} | {Num(d.BeforePer100)} | {Num(d.AfterPer100)} | {Signed(d.DeltaPer100)} |");
        }

        md.AppendLine();
    }

    private static string Rate(string label, RateSummary rate) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {rate.Succeeded}/{rate.Items} | {(rate.Rate is { } r ? Pct(r) : "—")} | {(rate.Ci95 is { } ci ? $"{Pct(ci[0])}–{Pct(ci[1])}" : "—")} |");

    private static string Window(AggregationWindow window) =>
        $"{Time(window.Since)} → {Time(window.Until)}";

    private static string Time(DateTime? time) =>
        time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "open";

    private static string Pct(double value) => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string P(double value) => PValueText.Format(value);

    private static string Num(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";

    private static string Signed(double? value) => value is { } v ? v.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture) : "—";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static void WriteAtomically(string path, string content) => AtomicFile.WriteAllText(path, content);
}
