using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Loop.Coordination;

/// <summary>An iteration's <c>diagnostic_report.json</c> (+ <c>.md</c>): what the brain proposed and what verification said.</summary>
public static class DiagnosisFiles
{
    public static void Write(string iterationDir, DiagnosticReport report) => DiagnosticReportWriter.WriteTo(iterationDir, report);

    public static DiagnosticReport? Read(string iterationDir)
    {
        var path = Path.Combine(iterationDir, DiagnosticReportWriter.JsonFileName);
        return File.Exists(path) ? DiagnosticReportJson.Deserialize(File.ReadAllText(path), path) : null;
    }
}
