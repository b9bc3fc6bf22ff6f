using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Agent.Tests.Tools;

/// <summary>
/// One boundary words every tool failure: a domain failure keeps its message, a fault becomes a generic line and a
/// log entry, secrets are masked in both, and the caller's cancellation is never turned into an answer.
/// </summary>
public sealed class ToolFailureBoundaryTests : IDisposable
{
    private readonly ToolFixture _fixture = new();
    private readonly string _secret = "Sk" + Guid.NewGuid().ToString("N")[..20];
    private readonly RecordingLogger _log = new();

    public void Dispose() => _fixture.Dispose();

    private ToolFailureBoundary CreateSut() => new(new SecretRedactor([_secret]), _log);

    [Fact]
    public void DomainFailure_KeepsItsMessage_Masked_AndLogsNothing()
    {
        var failure = CreateSut().Classify("read_agent_file", new InvalidInputException($"The file 'x{_secret}.py' does not exist."));

        Assert.True(failure.Expected);
        Assert.Equal("The file 'x<redacted>.py' does not exist.", failure.Message);
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public void UnexpectedFault_BecomesAGenericLine_AndOneMaskedLogEntry()
    {
        var failure = CreateSut().Classify("fetch_page", new InvalidOperationException($"internal state leaked: {_secret}"));

        Assert.False(failure.Expected);
        Assert.Equal("fetch_page failed unexpectedly (InvalidOperationException); nothing more is said here, the details are in the log.", failure.Message);
        var line = Assert.Single(_log.Lines);
        Assert.Contains("internal state leaked: <redacted>", line, StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, line, StringComparison.Ordinal);
    }

    [Fact]
    public void CancellationByTheCaller_Propagates_ACancellationOfItsOwn_IsATimeLimit()
    {
        using var caller = new CancellationTokenSource();
        caller.Cancel();

        Assert.True(ToolFailureBoundary.IsCallerCancellation(new AggregateException(new OperationCanceledException()), caller.Token));
        Assert.False(ToolFailureBoundary.IsCallerCancellation(new OperationCanceledException(), CancellationToken.None));
        Assert.Equal("aggregate_logs stopped: it ran past its time limit. Narrow the request and try again.",
            CreateSut().Classify("aggregate_logs", new AggregateException(new OperationCanceledException())).Message);
    }

    [Fact]
    public async Task ToolBodyFault_ThroughTheKernel_AnswersGenerically_AndLogs()
    {
        SecretRedactor.Remember([_secret]);
        var registry = ToolRegistry.Create(_fixture.Environment(new ThrowingFetcher(new InvalidOperationException($"socket pool broken {_secret}")), logger: _log));

        var answer = await registry.CallAsync(ToolNames.FetchPage, ("url", "http://echo.example/x"));

        Assert.Equal("Error: fetch_page failed unexpectedly (InvalidOperationException); nothing more is said here, the details are in the log.", answer);
        Assert.DoesNotContain(_secret, Assert.Single(_log.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellation_ThroughTheKernel_IsRaisedNotAnswered()
    {
        using var caller = new CancellationTokenSource();
        var registry = ToolRegistry.Create(_fixture.Environment(new ThrowingFetcher(null, caller), logger: _log));
        var kernel = new Kernel();
        registry.AddTo(kernel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            kernel.InvokeAsync(registry.Find(ToolNames.FetchPage)!.Function, new KernelArguments { ["url"] = "http://echo.example/x" }, caller.Token));
    }

    [Theory]
    [InlineData("AggregateLogsAsync", "aggregate_logs")]
    [InlineData("ListSignatures", "list_signatures")]
    [InlineData("TestXPathAsync", "test_xpath")]
    [InlineData("SomethingElse", "something_else")]
    public void ToolNameOf_SnakeCasesTheMethod(string method, string expected) => Assert.Equal(expected, ToolFailureBoundary.ToolNameOf(method));

    /// <summary>A fetcher that fails with <c>fault</c>, or that cancels <c>caller</c> and then honours it.</summary>
    private sealed class ThrowingFetcher(Exception? fault, CancellationTokenSource? caller = null) : IPageFetcher
    {
        public Task<FetchedPage> FetchAsync(PageRequest request, CancellationToken cancellationToken)
        {
            if (caller is not null)
            {
                caller.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            throw fault ?? new InvalidOperationException("unreachable");
        }
    }

    internal sealed class RecordingLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
