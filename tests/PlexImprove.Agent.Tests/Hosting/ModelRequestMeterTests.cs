using PlexImprove.Agent.Chat;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Tests.Llm;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Tests.Hosting;

/// <summary>
/// Every request to the model counts against the request cap and the token budget, whatever the model asked for,
/// and every answer (any body, any size, any wait asked for) ends in a clear message instead of a stack trace.
/// </summary>
public sealed class ModelRequestMeterTests : IDisposable
{
    private readonly LlmTestBed _bed = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UndefinedToolCalledForever_StopsAtTheRequestCap_NamingTheSetting()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Repeat(40, () => FakeReply.Tools(("plex-delete_everything", "{}"))));
        var kernel = _bed.CreateKernel(server, o => With(o, maxToolRounds: 2));

        var e = await Assert.ThrowsAsync<ModelRequestLimitException>(() => _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct));

        Assert.Equal(2 + ModelRequestCap.AnswerRequests, server.Requests.Count);
        Assert.Equal(FailureKind.WorkFailed, e.Kind);
        Assert.Contains("Llm:MaxToolRounds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonJsonToolArguments_CountAgainstTheTokenBudget_AndStopBeforeTheNextRequest()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Repeat(40, () =>
            new FakeReply { ToolCalls = [("plex-read_agent_file", "this is {not json")], PromptTokens = 900, CompletionTokens = 20 }));
        var kernel = _bed.CreateKernel(server, o => With(o, maxTokensPerPhase: 2000, maxToolRounds: 100));

        var e = await Assert.ThrowsAsync<TokenBudgetExceededException>(() => _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2760, kernel.Budget.PhaseTokens);
        Assert.Contains("Llm:MaxTokensPerPhase", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_UndefinedToolsAfterTheRunBudgetIsSpent_SendNoFurtherRequest()
    {
        await using var server = await FakeOpenAiServer.StartAsync(Repeat(40, () =>
            new FakeReply { ToolCalls = [("plex-no_such_tool", "{}")], PromptTokens = 600, CompletionTokens = 10 }));
        using var output = new StringWriter();
        using var status = new StringWriter();
        var reader = new StringReader("Why do searches fail?\nAnd now?\n");
        var kernel = _bed.CreateKernel(server, o => With(o, maxTokensPerRun: 1000));
        var session = new ChatSession(kernel, new ChatSessionOptions
        {
            Input = reader, Output = output, Status = status, HistoryPath = Path.Combine(_bed.WorkDir, "chat", "chat.json"),
        });

        var e = await Assert.ThrowsAsync<TokenBudgetExceededException>(() => session.RunAsync(Ct));

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("Llm:MaxTokensPerRun", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerWithoutUsage_IsEstimatedFromItsLength_AndSaidSo()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeReply { Content = LlmTestBed.ValidAnswer(), WithoutUsage = true });
        var kernel = _bed.CreateKernel(server);

        await _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct);

        Assert.Equal(1, kernel.Budget.EstimatedRequests);
        Assert.True(kernel.Budget.OutputTokens >= LlmTestBed.ValidAnswer().Length / AnswerUsage.BytesPerToken, $"output counted {kernel.Budget.OutputTokens}");
        Assert.True(kernel.Budget.InputTokens > 100, $"input counted {kernel.Budget.InputTokens}");
        Assert.Contains(_bed.Warnings, w => w.Contains("reported no token usage", StringComparison.Ordinal));
        Assert.Contains("estimated", kernel.Budget.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamedAnswerWithoutUsage_IsEstimatedToo()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeReply { Content = "The site answers 403 to the default agent.", WithoutUsage = true });
        using var output = new StringWriter();
        using var status = new StringWriter();
        var kernel = _bed.CreateKernel(server);
        var session = new ChatSession(kernel, new ChatSessionOptions
        {
            Input = new StringReader("Why?\n"), Output = output, Status = status, HistoryPath = Path.Combine(_bed.WorkDir, "chat", "chat.json"),
        });

        await session.RunAsync(Ct);

        Assert.Equal(1, kernel.Budget.Requests);
        Assert.Equal(1, kernel.Budget.EstimatedRequests);
        Assert.True(kernel.Budget.RunTokens > 0);
    }

    [Fact]
    public async Task TwoMegabyteAnswer_IsDroppedUnread_NotStored_AndNamesTheSetting()
    {
        string huge = new('x', 2 * 1024 * 1024);
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text(huge, promptTokens: 100, completionTokens: 100));
        var kernel = _bed.CreateKernel(server);

        var e = await Assert.ThrowsAsync<LlmUnavailableException>(() => _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct));

        Assert.Contains("Llm:MaxAnswerBytes", e.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.WorkFailed, e.Kind);
        Assert.Single(server.Requests);
        Assert.DoesNotContain(new string('x', 10_000), File.ReadAllText(_bed.TranscriptPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlPageWithStatus200_IsBadConfigurationNamingTheEndpoint()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Body("<html><head><title>Sign in</title></head><body>proxy</body></html>", "text/html"));

        var e = await Assert.ThrowsAsync<LlmUnavailableException>(() => _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct));

        Assert.Equal(FailureKind.BadInput, e.Kind);
        Assert.Contains("not a chat completion", e.Message, StringComparison.Ordinal);
        Assert.Contains("text/html", e.Message, StringComparison.Ordinal);
        Assert.Contains("Llm:Endpoint", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"id":"x","object":"chat.completion","choices":[]}""")]
    [InlineData("""{"choices":[{"index":0}]}""")]
    [InlineData("[]")]
    public async Task JsonWithoutAnAnswer_FailsClearly_WithoutAStackTrace(string body)
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Body(body));

        var e = await Assert.ThrowsAsync<LlmUnavailableException>(() => _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(_bed.Request, Ct));

        Assert.Equal(FailureKind.WorkFailed, e.Kind);
        Assert.Contains("holds no answer", e.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RetryAfterLongerThanAllowed_IsRefusedAtOnce_NamingTheWaitAndTheSetting()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Failure(429, retryAfterSeconds: "3600"), FakeReply.Text(LlmTestBed.ValidAnswer()));
        var waits = new List<string>();
        var kernel = _bed.CreateKernel(server, o => With(o, waitReport: waits.Add));

        var e = await Assert.ThrowsAsync<LlmUnavailableException>(() => _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct));

        Assert.Contains("3600 s", e.Message, StringComparison.Ordinal);
        Assert.Contains("Llm:MaxRetryAfterSeconds", e.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task RetryAfterWithinTheLimit_IsReportedAsTheWaitStarts()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Failure(429, retryAfterSeconds: "1"), FakeReply.Text(LlmTestBed.ValidAnswer()));
        var waits = new List<string>();
        var kernel = _bed.CreateKernel(server, o => With(o, waitReport: waits.Add));

        await _bed.CreateBrain(kernel).DiagnoseAsync(_bed.Request, Ct);

        var wait = Assert.Single(waits);
        Assert.Contains("HTTP 429", wait, StringComparison.Ordinal);
        Assert.Contains("Retry-After", wait, StringComparison.Ordinal);
        Assert.Equal(1, kernel.Budget.Requests);
    }

    [Fact]
    public async Task Chat_ConnectionResetMidStream_FailsClearly_AndKeepsTheHistory()
    {
        var shown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeOpenAiServer.StartAsync(new FakeReply { Content = "one two three four five six", ResetAfterChunks = 3, ResetWhen = shown.Task });
        using var output = new ShownWriter(shown);
        using var status = new StringWriter();
        string history = Path.Combine(_bed.WorkDir, "chat", "chat.json");
        var session = new ChatSession(_bed.CreateKernel(server), new ChatSessionOptions
        {
            Input = new StringReader("Why?\n"), Output = output, Status = status, HistoryPath = history,
        });

        var e = await Assert.ThrowsAsync<LlmUnavailableException>(() => session.RunAsync(Ct));

        Assert.Equal(FailureKind.WorkFailed, e.Kind);
        Assert.Contains("broke off", e.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Contains("Why?", File.ReadAllText(history), StringComparison.Ordinal);
    }

    public void Dispose() => _bed.Dispose();

    /// <summary>The chat's output, telling when the first piece of an answer was shown.</summary>
    private sealed class ShownWriter(TaskCompletionSource shown) : StringWriter
    {
        public override Task WriteAsync(string? value)
        {
            shown.TrySetResult();
            return base.WriteAsync(value);
        }
    }

    private static FakeReply[] Repeat(int count, Func<FakeReply> reply) => [.. Enumerable.Range(0, count).Select(_ => reply())];

    private static AgentKernelOptions With(
        AgentKernelOptions o, int maxToolRounds = 12, long maxTokensPerPhase = 0, long maxTokensPerRun = 0, Action<string>? waitReport = null) => new()
    {
        Tools = o.Tools,
        TranscriptPath = o.TranscriptPath,
        LoggerFactory = o.LoggerFactory,
        MaxToolRounds = maxToolRounds,
        MaxTokensPerPhase = maxTokensPerPhase,
        MaxTokensPerRun = maxTokensPerRun,
        WaitReport = waitReport,
    };
}
