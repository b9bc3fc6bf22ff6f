using System.Text.Json;
using PlexImprove.Agent.Chat;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Tests.Llm;

namespace PlexImprove.Agent.Tests.Chat;

public sealed class ChatSessionTests : IDisposable
{
    private const string Patch = "Sample.bundle/Contents/Code/__init__.py\n<<<<<<< SEARCH\ntimeout=20\n=======\ntimeout=60\n>>>>>>> REPLACE";

    private readonly LlmTestBed _bed = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _status = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string HistoryPath => Path.Combine(_bed.WorkDir, "chat", "chat_test.json");

    [Fact]
    public async Task Chat_StreamsTheAnswer_AnswersCommands_AndSavesTheHistory()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text("The site answers 403 to the default User-Agent."));
        var session = CreateSession(server, "/tools\nWhy do searches fail?\n/budget\n/bogus\n/exit\nnever read\n");

        await session.RunAsync(Ct);

        Assert.Equal("The site answers 403 to the default User-Agent.", _output.ToString().Trim());
        string status = _status.ToString();
        Assert.Contains("apply_patch (writer, asks first)", status, StringComparison.Ordinal);
        Assert.Contains("read_agent_file (read-only)", status, StringComparison.Ordinal);
        Assert.Contains("Budget: 120 tokens in 1 requests", status, StringComparison.Ordinal);
        Assert.Contains("Unknown command '/bogus'", status, StringComparison.Ordinal);
        Assert.True(server.Requests[0]["stream"]!.GetValue<bool>());
        Assert.Single(server.Requests);
        var saved = JsonDocument.Parse(File.ReadAllText(HistoryPath)).RootElement.GetProperty("messages");
        Assert.Equal(["system", "user", "assistant"], saved.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Chat_WriterTool_ShowsTheExactChangeAndRunsOnYes()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("plex-apply_patch", JsonSerializer.Serialize(new { fix_id = "sample-timeout", patch = Patch }))),
            FakeReply.Text("Applied."));
        var session = CreateSession(server, "Apply the timeout fix.\ny\n");

        await session.RunAsync(Ct);

        Assert.Equal(1, _bed.ApplyPatchCalls);
        Assert.Contains("The model wants to run 'apply_patch'", _status.ToString(), StringComparison.Ordinal);
        Assert.Contains("timeout=60", _status.ToString(), StringComparison.Ordinal);
        Assert.Contains("applied sample-timeout", ToolMessage(server, 1), StringComparison.Ordinal);
        Assert.Contains("Applied.", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_WriterTool_DeclinedByTheUser_IsNotRunAndTheModelIsTold()
    {
        await using var server = await FakeOpenAiServer.StartAsync(
            FakeReply.Tools(("plex-apply_patch", JsonSerializer.Serialize(new { fix_id = "sample-timeout", patch = Patch }))),
            FakeReply.Text("Understood, nothing changed."));
        var session = CreateSession(server, "Apply the timeout fix.\nno\n");

        await session.RunAsync(Ct);

        Assert.Equal(0, _bed.ApplyPatchCalls);
        Assert.Contains("the user declined this change", ToolMessage(server, 1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_Load_PutsTheFileIntoTheNextRequest()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text("Seen."));
        string report = Path.Combine(_bed.WorkDir, "report.json");
        Directory.CreateDirectory(_bed.WorkDir);
        File.WriteAllText(report, """{"fixes":[{"id":"sample-headers"}]}""");
        var session = CreateSession(server, $"/load {report}\n/load {report}.missing\nWhat does it propose?\n");

        await session.RunAsync(Ct);

        Assert.Contains("sample-headers", server.MessagesText(0), StringComparison.Ordinal);
        Assert.Contains("does not exist", _status.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_RunBudgetSpent_StopsAndStillSavesTheHistory()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text("A long answer.", promptTokens: 900, completionTokens: 300), FakeReply.Text("never sent"));
        var session = CreateSession(server, "First question\nSecond question\n", maxTokensPerRun: 1000);

        var e = await Assert.ThrowsAsync<TokenBudgetExceededException>(() => session.RunAsync(Ct));

        Assert.Contains("Llm:MaxTokensPerRun", e.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.True(File.Exists(HistoryPath));
    }

    public void Dispose()
    {
        _bed.Dispose();
        _output.Dispose();
        _status.Dispose();
    }

    private ChatSession CreateSession(FakeOpenAiServer server, string input, long maxTokensPerRun = 0)
    {
        var reader = new StringReader(input);
        var kernel = _bed.CreateKernel(server, o => new AgentKernelOptions
        {
            Tools = o.Tools,
            TranscriptPath = o.TranscriptPath,
            Approver = new ChatWriteApprover(reader, _status),
            MaxTokensPerRun = maxTokensPerRun,
        });
        return new ChatSession(kernel, new ChatSessionOptions { Input = reader, Output = _output, Status = _status, HistoryPath = HistoryPath });
    }

    private static string ToolMessage(FakeOpenAiServer server, int request) =>
        server.Requests[request]["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.GetValue<string>();
}
