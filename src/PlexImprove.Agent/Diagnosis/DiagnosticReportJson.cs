using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>The JSON form of <see cref="DiagnosticReport"/>: indented, readable (no escaping of quotes or non-ASCII), nulls omitted.</summary>
public static class DiagnosticReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The report is read by people and by the loop, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(DiagnosticReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Reads a report; malformed JSON or a schema version this program does not know is an error naming the source.</summary>
    public static DiagnosticReport Deserialize(string json, string source = "diagnostic report")
    {
        DiagnosticReport? report;
        try
        {
            report = JsonSerializer.Deserialize<DiagnosticReport>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{source}: not a valid diagnostic report ({e.Message}).");
        }

        if (report is null)
        {
            throw new InvalidInputException($"{source}: the file holds no report.");
        }

        return report.SchemaVersion == DiagnosticReport.CurrentSchemaVersion
            ? report
            : throw new InvalidInputException($"{source}: schema version {report.SchemaVersion} is not supported (expected {DiagnosticReport.CurrentSchemaVersion}).");
    }
}
