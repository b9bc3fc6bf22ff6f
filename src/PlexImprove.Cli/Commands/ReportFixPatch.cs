using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Errors;

namespace PlexImprove.Cli.Commands;

/// <summary>
/// One fix's patch taken straight from a <c>diagnostic_report.json</c> (<c>apply --report FILE --fix ID</c>), with the
/// iteration and run folder the report belongs to when it sits in <c>&lt;work&gt;/iteration_N/</c>.
/// </summary>
public sealed partial class ReportFixPatch
{
    private ReportFixPatch(FixProposal fix, ReadOnlyMemory<byte> patch, int? iteration, string? workDir)
    {
        Fix = fix;
        Patch = patch;
        Iteration = iteration;
        WorkDir = workDir;
    }

    public FixProposal Fix { get; }

    /// <summary>The bytes the change engine reads (a unified diff, or search/replace JSON for edits).</summary>
    public ReadOnlyMemory<byte> Patch { get; }

    /// <summary>N of the report's <c>iteration_N</c> folder, or null when the report is elsewhere.</summary>
    public int? Iteration { get; }

    /// <summary>The run folder holding that <c>iteration_N</c> folder, or null.</summary>
    public string? WorkDir { get; }

    /// <summary>Reads the report and finds the fix; exit 2 naming the fixes it has when the id is not one of them.</summary>
    public static ReportFixPatch Load(string reportPath, string fixId)
    {
        if (!File.Exists(reportPath))
        {
            throw new InvalidInputException($"The report '{reportPath}' does not exist.");
        }

        var report = DiagnosticReportJson.Deserialize(File.ReadAllText(reportPath), $"'{reportPath}'");
        var fix = report.Fixes.FirstOrDefault(f => string.Equals(f.Id, fixId, StringComparison.Ordinal))
            ?? throw new InvalidInputException(
                $"The report '{reportPath}' has no fix '{fixId}'. Its fixes: {(report.Fixes.Count == 0 ? "none" : string.Join(", ", report.Fixes.Select(f => f.Id)))}.");
        if (fix.Patch is null)
        {
            throw new InvalidInputException($"The fix '{fixId}' in '{reportPath}' carries no patch: it describes a change to make by hand ({fix.RootCause}).");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(reportPath))!;
        var match = IterationFolder().Match(Path.GetFileName(folder));
        return match.Success
            ? new ReportFixPatch(fix, PatchBytes.From(fix.Patch), int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), Path.GetDirectoryName(folder))
            : new ReportFixPatch(fix, PatchBytes.From(fix.Patch), null, null);
    }

    /// <summary>
    /// True when a file given as <c>--patch</c> is a diagnostic report (a JSON object with a <c>fixes</c> list): it
    /// is not a patch itself, and the user is told to pass it as <c>--report</c>.
    /// </summary>
    public static bool LooksLikeReport(ReadOnlySpan<byte> content)
    {
        try
        {
            using var document = JsonDocument.Parse(content.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("fixes", out var fixes) && fixes.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^iteration_([0-9]{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex IterationFolder();
}
