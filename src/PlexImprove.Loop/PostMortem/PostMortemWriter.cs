using System.Globalization;
using System.Text;
using System.Text.Json;
using PlexImprove.Core.IO;
using PlexImprove.Core.Json;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.PostMortem;

/// <summary>Writes <c>post_mortem_analysis.md</c> and <c>.json</c> into an iteration folder.</summary>
public static class PostMortemWriter
{
    public const string FileStem = "post_mortem_analysis";

    public static (string Markdown, string Json) Write(string iterationDir, PostMortemReport report)
    {
        var md = Path.Combine(iterationDir, FileStem + ".md");
        var json = Path.Combine(iterationDir, FileStem + ".json");
        AtomicFile.WriteAllText(json, JsonSerializer.Serialize(report, LoopJson.Options));
        AtomicFile.WriteAllText(md, Render(report));
        return (md, json);
    }

    public static PostMortemReport? Read(string iterationDir)
    {
        var json = Path.Combine(iterationDir, FileStem + ".json");
        return File.Exists(json) ? JsonSerializer.Deserialize<PostMortemReport>(File.ReadAllBytes(json), LoopJson.Options) : null;
    }

    public static string Render(PostMortemReport report)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Post-mortem — iteration {report.Iteration}\n\n");
        if (report.Interventions.Count == 0)
        {
            sb.Append("No fix was attempted in this iteration.\n");
        }

        foreach (var e in report.Interventions)
        {
            sb.Append(CultureInfo.InvariantCulture, $"## {e.FixId} — {e.Title}\n\n");
            sb.Append(CultureInfo.InvariantCulture, $"- agents: {string.Join(", ", e.Agents)}\n");
            sb.Append(CultureInfo.InvariantCulture, $"- **final decision: {SnakeCaseName.Of(e.Status)}**{(e.Reason is { Length: > 0 } r ? " — " + r : "")}\n");
            if (e.Preflight is { } preflight)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- prediction: {preflight}\n");
            }

            if (e.SuccessBefore is not null || e.SuccessAfter is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- tested items' success: {Percent(e.SuccessBefore)} → {Percent(e.SuccessAfter)}\n");
            }

            sb.Append("\n### Expected vs actual\n\n");
            if (e.Expected.Count == 0)
            {
                sb.Append("The proposal stated no measurable result.\n");
            }
            else
            {
                sb.Append("| metric | expected | before | after | verdict |\n|---|---|---|---|---|\n");
                foreach (var c in e.Expected)
                {
                    string expected = c.Direction + (c.Target is { } t ? " to " + t.ToString("0.##", CultureInfo.InvariantCulture) : "");
                    sb.Append(CultureInfo.InvariantCulture, $"| {c.Metric} | {expected} | {Number(c.Before)} | {Number(c.After)} | {c.Verdict} |\n");
                }
            }

            sb.Append("\n### Side effects\n\n");
            if (e.NewSignatures.Count == 0 && e.HttpStatusesRose.Count == 0)
            {
                sb.Append("None measured: no new signature, no HTTP status rose.\n");
            }

            foreach (var s in e.NewSignatures)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- new signature {s}\n");
            }

            foreach (var h in e.HttpStatusesRose)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- HTTP {h.Status} rose {h.Before:0.#} → {h.After:0.#} per 100 sessions\n");
            }

            sb.Append("\n### What was missed\n\n");
            if (e.Missed.Count == 0)
            {
                sb.Append("Nothing: every expected result was met and nothing new went wrong.\n");
            }

            foreach (var m in e.Missed)
            {
                sb.Append("- ").Append(m).Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";
}
