using System.Text.Json;
using PlexImprove.Agent.Brains.Llm;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Prompts;
using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tests.Llm;
using PlexImprove.Agent.Tools;
using PlexImprove.Core.Comparison;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Exit;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;
using static PlexImprove.Loop.Tests.Support.AebnTitleFix;

namespace PlexImprove.Loop.Tests.Coordination;

/// <summary>The LLM brain, over a scripted OpenAI-compatible server, driving the loop against Plex in a box.</summary>
public sealed class LlmSandboxLoopTests
{
    private const string LessonText = "Normalise typographic apostrophes and trailing articles before comparing titles.";

    [Fact]
    public async Task LlmBrain_ReadsTheCode_ProposesAnEdit_TheLoopKeepsIt_AndTheModelsLessonLandsInTheRunLessons()
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);
        await using var model = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("plex-read_agent_file", JsonSerializer.Serialize(new { path = AebnCode }))),
            FakeReply.Text(DiagnosisAnswer()),
            FakeReply.Text(ReflectionAnswer()));
        using var fetcher = new PageFetcher();
        var tools = ToolRegistry.Create(new ToolEnvironment
        {
            PluginsDir = sandbox.PluginsDir,
            LogsDir = sandbox.Host.Connection.LogsDir,
            WorkDir = work.Path,
            PythonFactory = _ => TestPython.RuntimeAsync(),
            PageFetcher = fetcher,
            LessonsPath = Path.Combine(work.Path, RunLessons.FileName),
        });
        var connection = LlmConnection.Resolve(LlmProvider.OpenAI, model.Endpoint.ToString(), "test-model", "sk-loop-tests", TimeSpan.FromSeconds(60), 1);
        using var kernel = AgentKernelFactory.Create(connection, new AgentKernelOptions { Registry = tools, TranscriptPath = Path.Combine(work.Path, "llm_transcript.jsonl") });
        var brain = new LlmBrain(kernel, PromptLibrary.Load(Path.Combine(RepositoryPaths.Root(), "prompts")));
        var loop = await sandbox.CoordinatorAsync(brain, Aebn);

        var result = await loop.RunAsync(TestContext.Current.CancellationToken);

        var requests = model.Requests;
        Assert.Equal(3, requests.Count);
        string diagnosis = model.MessagesText(0);
        Assert.Contains(Aebn, diagnosis, StringComparison.Ordinal);
        Assert.Contains("Lessons from earlier iterations", diagnosis, StringComparison.Ordinal);
        Assert.Contains(File.ReadAllText(Path.Combine(work.Path, "iteration_1", "aggregated_logs.md")).Split('\n')[0].Trim(), diagnosis, StringComparison.Ordinal);
        var toolResult = requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.GetValue<string>();
        Assert.Contains(TitleLine.Trim(), toolResult, StringComparison.Ordinal);
        Assert.Equal(AnswerSchemas.ReflectionName, requests[2]["response_format"]!["json_schema"]!["name"]!.GetValue<string>());
        Assert.Contains("aebn-titles", model.MessagesText(2), StringComparison.Ordinal);

        Assert.Equal(LoopStatus.Finished, result.State.Status);
        Assert.Equal("llm:test-model", result.State.Brain);
        var fix = Assert.Single(result.State.Fixes);
        Assert.Equal(FixState.Kept, fix.Status);
        Assert.Equal(ExitCondition.Target, result.State.ExitCondition);
        Assert.Contains("replace(u'\\u2019'", File.ReadAllText(sandbox.Code("AEBN")), StringComparison.Ordinal);

        var report = TestReportWriter.Deserialize(File.ReadAllText(Path.Combine(work.Path, "iteration_1", "test_report_aebn-titles.json")));
        Assert.Equal("aebn-titles", report.FixId);
        Assert.Equal(KeepDecision.Keep, report.Comparison.Decision.Decision);
        Assert.True(report.Comparison.After.Rate > report.Comparison.Before.Rate, $"{report.Comparison.Before.Rate} -> {report.Comparison.After.Rate}");

        var lessons = LessonBook.Load(Path.Combine(work.Path, RunLessons.FileName));
        Assert.Contains(lessons.Rules, r => r.Text == LessonText);
        Assert.Contains(new LoopStateStore(work.Path).LoadDecisions().Decisions, d => d.What == "lesson");
    }

    private static string DiagnosisAnswer() => JsonSerializer.Serialize(new
    {
        schemaVersion = 1,
        fixes = new[]
        {
            new
            {
                id = "aebn-titles",
                title = "Normalise apostrophes and trailing articles in titles",
                agents = new[] { Aebn },
                rootCause = "Titles with a typographic apostrophe or a trailing article never match the site's titles.",
                evidence = new[] { new { kind = "code", @ref = AebnCode, excerpt = TitleLine.Trim() } },
                expectedVsObserved = new { expected = "search results match the file's title", observed = "no match", divergencePoint = "title normalisation" },
                patch = new { format = "edits", content = new[] { new { file = AebnCode, old = TitleLine, @new = TitleFix } } },
                expectedResults = new[] { new { metric = "successRate", direction = "increase", target = 0.75, note = "titles match" } },
                successIndicators = new[] { "items match" },
                failureIndicators = new[] { "no match persists" },
                contingency = "roll back",
                priority = "HIGH",
                confidence = 0.8,
                lessonsApplied = Array.Empty<string>(),
            },
        },
        uncovered = Array.Empty<object>(),
        notes = Array.Empty<string>(),
    });

    private static string ReflectionAnswer() => JsonSerializer.Serialize(new
    {
        operations = new[]
        {
            new { op = "ADD", phase = "diagnose", polarity = "DO", text = LessonText, evidence = new { iteration = 1, fixId = "aebn-titles", delta = "success rate rose after the fix" } },
        },
    });
}
