using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>The report files: JSON that round-trips, Markdown a person can read.</summary>
public sealed class DiagnosticReportWriterTests
{
    [Fact]
    public void WriteTo_WritesJsonThatReadsBack_AndMarkdownWithEachFixsSections()
    {
        using var dir = new TempDirectory();
        var fix = DiagnosisVerifierTests.Fix(new ProposedPatch { Format = PatchFormatKind.Edits, Edits = [new PatchEdit { File = "A.bundle/Contents/Code/__init__.py", Old = "a = 1\n", New = "a = 2\n" }] });
        fix.Verification = new FixVerification { Applicable = false, Reason = "the gate found problems", Findings = ["lint: \"_n\" is an invalid variable name"] };
        var report = new DiagnosticReport
        {
            Brain = "playbook",
            CreatedAt = new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero),
            Agents = ["com.plexapp.agents.Films"],
            Fixes = [fix],
            Uncovered = [new UncoveredSignature { SignatureId = "sig-1", Text = "Error | odd", Reason = "no playbook rule recognises this other failure" }],
        };

        var (json, markdown) = DiagnosticReportWriter.WriteTo(dir.Path, report);

        var back = DiagnosticReportJson.Deserialize(File.ReadAllText(json), json);
        Assert.Equal("a = 2\n", back.Fixes[0].Patch!.Edits[0].New);
        Assert.False(back.Fixes[0].Verification!.Applicable);
        Assert.Contains("\"format\": \"edits\"", File.ReadAllText(json), StringComparison.Ordinal);
        var md = File.ReadAllText(markdown);
        Assert.Contains("## 1. Fixture fix", md, StringComparison.Ordinal);
        Assert.Contains("- verification: NOT applicable: the gate found problems", md, StringComparison.Ordinal);
        Assert.Contains("```python\na = 2\n```", md, StringComparison.Ordinal);
        Assert.Contains("| `sig-1` | Error \\| odd |", md, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => Path.GetFileName(f).StartsWith(".pleximprove-", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteTo_SecretsTheModelRepeated_AreWrittenMasked()
    {
        using var dir = new TempDirectory();
        var fix = DiagnosisVerifierTests.Fix(null);
        var report = new DiagnosticReport
        {
            Brain = "llm:test",
            CreatedAt = new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero),
            Agents = ["com.plexapp.agents.Films"],
            Fixes = [fix],
            Notes = ["the model said: call http://plex:32400/?X-Plex-Token=q8TokenValue42 with Authorization: Bearer eyJhbGciOi.x.y"],
        };

        var (json, markdown) = DiagnosticReportWriter.WriteTo(dir.Path, report);

        foreach (var text in new[] { File.ReadAllText(json), File.ReadAllText(markdown) })
        {
            Assert.DoesNotContain("q8TokenValue42", text, StringComparison.Ordinal);
            Assert.DoesNotContain("eyJhbGciOi", text, StringComparison.Ordinal);
        }

        Assert.Contains("X-Plex-Token=<redacted>", File.ReadAllText(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_AnUnknownSchemaVersion_IsAClearError()
    {
        var error = Assert.Throws<PlexImprove.Core.Errors.InvalidInputException>(() => DiagnosticReportJson.Deserialize("{\"schemaVersion\": 9, \"brain\": \"x\", \"fixes\": []}", "r.json"));

        Assert.Contains("schema version 9", error.Message, StringComparison.Ordinal);
    }
}
