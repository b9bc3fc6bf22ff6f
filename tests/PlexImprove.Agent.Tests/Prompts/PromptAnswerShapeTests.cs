using System.Text.Json;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Prompts;
using Xunit;

namespace PlexImprove.Agent.Tests.Prompts;

/// <summary>The answer examples the prompts teach are read by the very types that will read the model's answer.</summary>
public sealed class PromptAnswerShapeTests
{
    private static string System(string name) =>
        PromptLibrary.Load(PromptFixtures.ShippedPromptsDir())
            .RenderMessages(name, PromptLibraryTests.SampleVariables(name), LessonBook.Empty, TestContext.Current.CancellationToken)[0].Content;

    private static string Between(string text, string open, string close)
    {
        int start = text.IndexOf(open, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{open.Trim()}' not found");
        int end = text.IndexOf(close, start, StringComparison.Ordinal);
        Assert.True(end > start, $"'{close.Trim()}' not found");
        return text[(start + 1)..(end + close.TrimEnd('\n').Length)];
    }

    [Fact]
    public void Phase2Example_IsADiagnosticReport()
    {
        string json = Between(System("phase2_diagnosis"), "\n{\n", "\n}\n");

        var report = JsonSerializer.Deserialize<DiagnosticReport>(json)!;

        Assert.Equal(DiagnosticReport.CurrentSchemaVersion, report.SchemaVersion);
        var fix = Assert.Single(report.Fixes);
        Assert.Equal(PatchFormatKind.Edits, fix.Patch!.Format);
        Assert.Equal("Example.bundle/Contents/Code/__init__.py", Assert.Single(fix.Patch.Edits).File);
        Assert.Equal(["http.403", "successRate"], fix.ExpectedResults.Select(r => r.Metric));
        Assert.Equal(FixPriority.High, fix.Priority);
        Assert.NotEmpty(fix.LessonsApplied);
        Assert.Single(report.Uncovered);
    }

    [Fact]
    public void Phase2Example_CitesALessonThatExists()
    {
        string json = Between(System("phase2_diagnosis"), "\n{\n", "\n}\n");
        var book = LessonBook.Load(PromptFixtures.ShippedLessons());

        var fix = JsonSerializer.Deserialize<DiagnosticReport>(json)!.Fixes[0];

        Assert.All(fix.LessonsApplied, id => Assert.NotNull(book.Find(id)));
    }

    [Fact]
    public void Phase3Example_IsAProposedPatch()
    {
        string line = System("phase3_implementation").Split('\n').First(l => l.StartsWith("{ \"format\": \"edits\"", StringComparison.Ordinal));

        var patch = JsonSerializer.Deserialize<ProposedPatch>(line)!;

        Assert.Equal(PatchFormatKind.Edits, patch.Format);
        Assert.Single(patch.Edits);
    }

    [Fact]
    public void Phase5Example_IsAListOfLessonOperations()
    {
        string json = Between(System("phase5_post_mortem"), "\n[\n", "\n]\n");

        var operations = JsonSerializer.Deserialize<List<LessonOperation>>(json)!;

        Assert.Equal([LessonOperationKind.Add, LessonOperationKind.Confirm], operations.Select(o => o.Kind));
        Assert.Equal(LessonPhase.Diagnose, operations[0].Phase);
        Assert.Equal(LessonPolarity.Do, operations[0].Polarity);
        var book = LessonBook.Load(PromptFixtures.ShippedLessons());
        Assert.NotNull(book.Find(operations[1].RuleId!));
        var applied = book.Apply(operations);
        Assert.StartsWith("ADD diagnose-pace-requests-and-honour-retry", applied[0], StringComparison.Ordinal);
        Assert.StartsWith("CONFIRM test-measure-after-restart-on-same-items → score 4", applied[1], StringComparison.Ordinal);
    }
}
