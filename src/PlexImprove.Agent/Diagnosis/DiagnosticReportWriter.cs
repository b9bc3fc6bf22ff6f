using System.Globalization;
using System.Text;
using PlexImprove.Core.IO;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>
/// Writes <c>diagnostic_report.json</c> and <c>diagnostic_report.md</c> atomically: the JSON for the loop and tools,
/// the Markdown for people (each fix with its cause, evidence, expected results, patch and verification, then the
/// signatures no fix covers).
/// </summary>
public static class DiagnosticReportWriter
{
    public const string JsonFileName = "diagnostic_report.json";
    public const string MarkdownFileName = "diagnostic_report.md";

    /// <summary>Writes both files into <paramref name="folder"/> (created when missing); returns their paths.</summary>
    public static (string Json, string Markdown) WriteTo(string folder, DiagnosticReport report)
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, JsonFileName);
        var markdown = Path.Combine(folder, MarkdownFileName);
        Write(report, json, markdown);
        return (json, markdown);
    }

    /// <summary>Writes the JSON to <paramref name="jsonPath"/> and, when given, the Markdown to <paramref name="markdownPath"/>.</summary>
    public static void Write(DiagnosticReport report, string jsonPath, string? markdownPath)
    {
        ArgumentNullException.ThrowIfNull(report);
        AtomicFile.WriteAllText(jsonPath, DiagnosticReportJson.Serialize(report) + "\n");
        if (markdownPath is not null)
        {
            AtomicFile.WriteAllText(markdownPath, ToMarkdown(report));
        }
    }

    public static string ToMarkdown(DiagnosticReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# Diagnostic report\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Brain: {report.Brain} · created {report.CreatedAt:yyyy-MM-dd HH:mm:ss} · agents: {(report.Agents.Count == 0 ? "none" : string.Join(", ", report.Agents))}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{report.Fixes.Count} fix(es), {report.Fixes.Count(f => f.Verification?.Applicable == true)} verified applicable; {report.Uncovered.Count} signature(s) not covered.\n");
        if (report.Rejected.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n{report.Rejected.Count} fix(es) offered but rejected:\n\n");
            foreach (var rejected in report.Rejected)
            {
                md.Append(CultureInfo.InvariantCulture, $"- `{rejected.Id}`: {rejected.Reason}\n");
            }
        }
        int number = 0;
        foreach (var fix in report.Fixes)
        {
            number++;
            md.Append(CultureInfo.InvariantCulture, $"\n## {number}. {fix.Title}\n\n");
            md.Append(CultureInfo.InvariantCulture, $"- id: `{fix.Id}` · priority {fix.Priority.ToString().ToUpperInvariant()} · confidence {fix.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}\n");
            md.Append(CultureInfo.InvariantCulture, $"- agents: {string.Join(", ", fix.Agents)}\n");
            md.Append(CultureInfo.InvariantCulture, $"- verification: {Verification(fix.Verification)}\n");
            if (fix.Preflight is { } preflight)
            {
                md.Append(CultureInfo.InvariantCulture, $"- {preflight.Summary}\n");
            }

            if (fix.LessonsApplied.Count > 0)
            {
                md.Append(CultureInfo.InvariantCulture, $"- lessons applied: {string.Join(", ", fix.LessonsApplied.Select(l => "`" + l + "`"))}\n");
            }

            if (fix.Evidence.Any(e => e.Kind == "research"))
            {
                // The sources consulted for this fix: research results by transcript id, and the pages fetched.
                var sources = fix.Evidence.Where(e => e.Kind is "research" or "page" && e.Ref is not null).Select(e => $"{e.Kind} `{e.Ref}`");
                md.Append(CultureInfo.InvariantCulture, $"- sources consulted: {string.Join(", ", sources)}\n");
            }

            md.Append(CultureInfo.InvariantCulture, $"\n**Root cause.** {fix.RootCause}\n\n");
            md.Append(CultureInfo.InvariantCulture, $"**Expected:** {fix.ExpectedVsObserved.Expected}  \n**Observed:** {fix.ExpectedVsObserved.Observed}  \n**Divergence:** {fix.ExpectedVsObserved.DivergencePoint}\n");
            if (fix.Evidence.Count > 0)
            {
                md.Append("\n### Evidence\n\n");
                foreach (var e in fix.Evidence)
                {
                    md.Append(CultureInfo.InvariantCulture, $"- {e.Kind}{(e.Ref is null ? "" : " `" + e.Ref + "`")}{(e.Excerpt is null ? "" : ": " + OneLine(e.Excerpt))}\n");
                }
            }

            if (fix.ExpectedResults.Count > 0)
            {
                md.Append("\n### Expected results\n\n| metric | direction | target | note |\n|---|---|---|---|\n");
                foreach (var r in fix.ExpectedResults)
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {r.Metric} | {r.Direction.ToString().ToLowerInvariant()} | {r.Target?.ToString(CultureInfo.InvariantCulture) ?? "—"} | {OneLine(r.Note)} |\n");
                }
            }

            AppendList(md, "Success indicators", fix.SuccessIndicators);
            AppendList(md, "Failure indicators", fix.FailureIndicators);
            if (fix.Contingency.Length > 0)
            {
                md.Append(CultureInfo.InvariantCulture, $"\n**Contingency.** {fix.Contingency}\n");
            }

            md.Append("\n### Patch\n\n");
            md.Append(Patch(fix.Patch));
            if (fix.Verification is { Findings.Count: > 0 } v)
            {
                AppendList(md, "Gate findings", v.Findings);
            }
        }

        if (report.OutOfReach.Count > 0)
        {
            md.Append("\n## Not fixable offline\n\n| agent | why | evidence |\n|---|---|---|\n");
            foreach (var o in report.OutOfReach)
            {
                md.Append(CultureInfo.InvariantCulture, $"| `{o.Agent}` | {Cell(o.Reason)} | {Cell(string.Join("; ", o.Evidence.Select(e => $"{e.Kind} {e.Ref}: {e.Excerpt}")))} |\n");
            }
        }

        if (report.Uncovered.Count > 0)
        {
            md.Append("\n## Signatures no fix covers\n\n| signature | text | why |\n|---|---|---|\n");
            foreach (var u in report.Uncovered)
            {
                md.Append(CultureInfo.InvariantCulture, $"| `{u.SignatureId}` | {Cell(u.Text)} | {Cell(u.Reason)} |\n");
            }
        }

        if (report.Notes.Count > 0)
        {
            AppendList(md, "Notes", report.Notes);
        }

        return md.ToString();
    }

    private static string Verification(FixVerification? v) => v switch
    {
        null => "not verified",
        { Applicable: true } => $"applicable ({string.Join(", ", v.Files)})",
        _ => $"NOT applicable: {OneLine(v.Reason ?? "")}",
    };

    private static string Patch(ProposedPatch? patch)
    {
        if (patch is null)
        {
            return "None (advice only).\n";
        }

        if (patch.Format == PatchFormatKind.UnifiedDiff)
        {
            return Fence("diff", patch.Diff ?? "");
        }

        var sb = new StringBuilder();
        foreach (var edit in patch.Edits)
        {
            sb.Append(CultureInfo.InvariantCulture, $"In `{edit.File}`, replace:\n\n{Fence("python", edit.Old)}\nwith:\n\n{Fence("python", edit.New)}\n");
        }

        return sb.ToString();
    }

    private static string Fence(string language, string text)
    {
        var fence = text.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
        return $"{fence}{language}\n{text.TrimEnd('\n')}\n{fence}\n";
    }

    private static void AppendList(StringBuilder md, string heading, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        md.Append(CultureInfo.InvariantCulture, $"\n**{heading}**\n\n");
        foreach (var item in items)
        {
            md.Append(CultureInfo.InvariantCulture, $"- {OneLine(item)}\n");
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static string Cell(string text) => OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);
}
