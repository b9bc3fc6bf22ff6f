using System.Globalization;
using System.Text;
using System.Text.Json;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.IO;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Coordination;

/// <summary><c>iteration_N/diagnostic_report.json</c> and <c>.md</c>: what the brain proposed and what verification said.</summary>
public static class DiagnosisFiles
{
    public const string FileStem = "diagnostic_report";

    public static string JsonPath(string iterationDir) => Path.Combine(iterationDir, FileStem + ".json");

    public static void Write(string iterationDir, DiagnosticReport report)
    {
        AtomicFile.WriteAllText(JsonPath(iterationDir), JsonSerializer.Serialize(report, LoopJson.Options));
        AtomicFile.WriteAllText(Path.Combine(iterationDir, FileStem + ".md"), Render(report));
    }

    public static DiagnosticReport? Read(string iterationDir)
    {
        var path = JsonPath(iterationDir);
        return File.Exists(path) ? JsonSerializer.Deserialize<DiagnosticReport>(File.ReadAllBytes(path), LoopJson.Options) : null;
    }

    public static string Render(DiagnosticReport report)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Diagnostic report\n\nBrain: {report.Brain}. Agents: {string.Join(", ", report.Agents)}. {report.Fixes.Count} fix(es) proposed.\n\n");
        foreach (var fix in report.Fixes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"## {fix.Id} — {fix.Title} ({fix.Priority.ToString().ToUpperInvariant()}, confidence {fix.Confidence:0.##})\n\n");
            sb.Append(CultureInfo.InvariantCulture, $"- agents: {string.Join(", ", fix.Agents)}\n- root cause: {fix.RootCause}\n");
            sb.Append(CultureInfo.InvariantCulture, $"- expected: {fix.ExpectedVsObserved.Expected}\n- observed: {fix.ExpectedVsObserved.Observed}\n- diverges at: {fix.ExpectedVsObserved.DivergencePoint}\n");
            foreach (var e in fix.ExpectedResults)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- must produce: {e.Metric} {e.Direction.ToString().ToLowerInvariant()}{(e.Target is { } t ? " to " + t.ToString("0.##", CultureInfo.InvariantCulture) : "")} {e.Note}\n");
            }

            if (fix.LessonsApplied.Count > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- lessons applied: {string.Join(", ", fix.LessonsApplied)}\n");
            }

            if (fix.Verification is { } v)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- verification: {(v.Applicable ? "applicable" : "NOT applicable")}{(v.Reason is { Length: > 0 } r ? " — " + r : "")}\n");
                foreach (var finding in v.Findings)
                {
                    sb.Append("  - ").Append(finding).Append('\n');
                }
            }

            sb.Append('\n');
        }

        foreach (var u in report.Uncovered)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- uncovered {u.SignatureId}: {u.Text} — {u.Reason}\n");
        }

        foreach (var note in report.Notes)
        {
            sb.Append("- note: ").Append(note).Append('\n');
        }

        return sb.ToString();
    }
}
