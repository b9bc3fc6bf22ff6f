using System.Text.Json.Nodes;
using PlexImprove.Agent.Brains.Llm;
using PlexImprove.Agent.Chat;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Prompts;
using PlexImprove.Agent.Research;
using PlexImprove.Agent.Tests.Llm;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Agent.Tests.Research;

/// <summary>The LLM brain with a research server attached: the scripted model calls its tools under the kernel's rails.</summary>
public sealed class ResearchDiagnosisTests : IDisposable
{
    private const string Secret = "research-secret-value-0123456789";
    private readonly LlmTestBed _bed = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Diagnose_ModelCallsAResearchTool_ResultReachesTheModelTheTranscriptAndTheReportsSources()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("research-everything_echo", """{"message":"HTTP.Request headers in Plex Framework 2.6"}""")),
            FakeReply.Text(AnswerCiting("call_1_0")));
        var reports = new List<string>();
        var kernel = CreateKernel(server, [await ResearchFixtures.EverythingAsync()], reports);

        var report = await _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct);

        var tools = server.Requests[0]["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("research-everything_echo", tools);
        Assert.Contains("Research tools from other MCP servers", server.MessagesText(0), StringComparison.Ordinal);
        var toolMessage = server.Requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool");
        Assert.Equal("Echo: HTTP.Request headers in Plex Framework 2.6", toolMessage!["content"]!.GetValue<string>());
        Assert.Empty(reports);
        Assert.DoesNotContain(kernel.Kernel.Plugins, p => p.Name == ResearchSession.PluginName);
        var evidence = Assert.Single(report.Fixes).Evidence.Single(e => e.Kind == "research");
        Assert.Equal("call_1_0", evidence.Ref);
        Assert.Contains("- sources consulted: research `call_1_0`", DiagnosticReportWriter.ToMarkdown(report), StringComparison.Ordinal);
        kernel.Dispose();
        var entries = File.ReadAllLines(_bed.TranscriptPath).Select(l => JsonNode.Parse(l)!).ToList();
        var result = entries.Single(e => e["kind"]!.GetValue<string>() == "tool_result");
        Assert.Equal("everything_echo", result["tool"]!.GetValue<string>());
        Assert.Equal("call_1_0", result["callId"]!.GetValue<string>());
        Assert.Contains("Echo: HTTP.Request headers", result["result"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_ServerThatDoesNotStart_IsReportedOnce_AndTheDiagnosisGoesOn()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text(LlmTestBed.ValidAnswer()));
        var reports = new List<string>();
        var ghost = new ResearchServerOptions { Name = "ghost", Command = "plex-improve-no-such-server", StartTimeoutSeconds = 20 };
        var kernel = CreateKernel(server, [ghost], reports);

        var report = await _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct);

        Assert.Single(reports);
        Assert.Single(report.Fixes);
        Assert.Contains(report.Notes, n => n.StartsWith("Research server skipped: Research server 'ghost'", StringComparison.Ordinal));
        var tools = server.Requests[0]["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(tools, t => t.StartsWith("research-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Diagnose_AnswerCitingAResearchCallThatNeverHappened_IsSentBackForRepair()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Text(AnswerCiting("call_9_9")),
            FakeReply.Text(LlmTestBed.ValidAnswer()));
        var kernel = CreateKernel(server, [], []);

        var report = await _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct);

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("evidence cites research 'call_9_9', but no research tool was called", server.MessagesText(1), StringComparison.Ordinal);
        Assert.DoesNotContain(Assert.Single(report.Fixes).Evidence, e => e.Kind == "research");
        Assert.Contains(report.Notes, n => n.Contains("corrected in one repair round", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "which is not configured (Research:Servers)")]
    [InlineData("chat", "which is not offered in diagnose (its Phases setting)")]
    public async Task Diagnose_PromptExpectsAServerThePhaseDoesNotHave_SaysSoOnce_AndTheDiagnosisGoesOn(string? onlyPhase, string why)
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text(LlmTestBed.ValidAnswer()));
        var reports = new List<string>();
        List<ResearchServerOptions> servers = onlyPhase is null ? [] : [new ResearchServerOptions { Name = "context7", Command = "plex-improve-no-such-server", Phases = [onlyPhase] }];
        var kernel = CreateKernel(server, servers, reports);
        using var prompts = new TempDirectory();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root(), "prompts"), "*.md"))
        {
            var text = File.ReadAllText(file);
            File.WriteAllText(Path.Combine(prompts.Path, Path.GetFileName(file)),
                Path.GetFileName(file) == "phase2_diagnosis.md" ? text.Replace("\noutput:", "\nresearch_servers: [context7]\noutput:", StringComparison.Ordinal) : text);
        }

        var report = await new LlmBrain(kernel, PromptLibrary.Load(prompts.Path)).DiagnoseAsync(_bed.Request, Ct);

        var said = Assert.Single(reports);
        Assert.Contains($"The prompt 'phase2_diagnosis' expects the research server 'context7', {why}", said, StringComparison.Ordinal);
        Assert.Contains(said, report.Notes);
        Assert.Single(report.Fixes);
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Diagnose_SecretInAServersEnvironment_NeverAppearsInAnyOutput()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("research-everything_get_env", "{}")),
            FakeReply.Text(AnswerCiting("call_1_0")));
        var reports = new List<string>();
        var everything = await ResearchFixtures.EverythingAsync(s => s.SecretEnv = ["RESEARCH_API_KEY"]);
        var kernel = CreateKernel(server, [everything], reports, name => name == "RESEARCH_API_KEY" ? Secret : null);

        var report = await _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct);
        kernel.Dispose();

        // The server did receive it (its environment lists the name), but the value is masked everywhere.
        var toolMessage = server.Requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.GetValue<string>();
        Assert.Contains("RESEARCH_API_KEY", toolMessage, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, toolMessage, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.DoesNotContain(Secret, r.ToJsonString(), StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, File.ReadAllText(_bed.TranscriptPath), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, DiagnosticReportWriter.ToMarkdown(report), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, DiagnosticReportJson.Serialize(report), StringComparison.Ordinal);
        Assert.All(reports.Concat(_bed.Warnings), line => Assert.DoesNotContain(Secret, line, StringComparison.Ordinal));
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Chat_ResearchToolsAreListedAndCalled_AndRemovedWhenTheConversationEnds()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("research-everything_echo", """{"message":"lxml xpath"}""")),
            FakeReply.Text("Found it."));
        var kernel = CreateKernel(server, [await ResearchFixtures.EverythingAsync()], []);
        using var output = new StringWriter();
        using var status = new StringWriter();
        var session = new ChatSession(kernel, new ChatSessionOptions
        {
            Input = new StringReader("/tools\nLook it up.\n/exit\n"),
            Output = output,
            Status = status,
            HistoryPath = Path.Combine(_bed.WorkDir, "chat", "chat_research.json"),
        });

        await session.RunAsync(Ct);

        Assert.Contains("Research tools: everything_echo", status.ToString(), StringComparison.Ordinal);
        Assert.Contains("everything_echo (research)", status.ToString(), StringComparison.Ordinal);
        var toolMessage = server.Requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool");
        Assert.Equal("Echo: lxml xpath", toolMessage!["content"]!.GetValue<string>());
        Assert.Contains("Found it.", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(kernel.Kernel.Plugins, p => p.Name == ResearchSession.PluginName);
    }

    public void Dispose() => _bed.Dispose();

    private AgentKernel CreateKernel(FakeOpenAiServer server, List<ResearchServerOptions> servers, List<string> reports, Func<string, string?>? secret = null) =>
        _bed.CreateKernel(server, o => new AgentKernelOptions
        {
            Tools = o.Tools,
            TranscriptPath = o.TranscriptPath,
            LoggerFactory = o.LoggerFactory,
            Research = new ResearchConnector(new ResearchOptions { Servers = servers }, secret ?? (_ => null), o.LoggerFactory),
            ResearchReport = reports.Add,
        });

    /// <summary>The valid answer with one more evidence entry: the research result by its transcript id.</summary>
    private static string AnswerCiting(string callId)
    {
        var answer = JsonNode.Parse(LlmTestBed.ValidAnswer())!;
        answer["fixes"]![0]!["evidence"]!.AsArray().Add(new JsonObject { ["kind"] = "research", ["ref"] = callId, ["excerpt"] = "headers are passed to HTTP.Request" });
        return answer.ToJsonString();
    }
}
