using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Tools;
using PlexImprove.Mcp.Hosting;
using PlexImprove.Mcp.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Mcp.Tests.Hosting;

/// <summary>
/// A tool call over HTTP ends when its client disconnects, and ends with an error when it runs past its time limit
/// (even a tool that ignores cancellation): no call outlives the one who asked for it.
/// </summary>
public sealed class ToolCallRailsTests
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    private const string Call = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow_tool","arguments":{}}}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClientDisconnectingDuringACall_CancelsTheCall()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var function = KernelFunctionFactory.CreateFromMethod(async (CancellationToken cancellationToken) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }

            return "never";
        }, "slow_tool", "Waits until cancelled.");
        await using var server = await Server.StartAsync(Tool(function, TimeSpan.FromMinutes(10), TimeProvider.System));
        var session = await server.InitializeAsync();

        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var call = server.Client.SendAsync(server.Post(Call, session), HttpCompletionOption.ResponseHeadersRead, abandon.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await abandon.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        // Fails after a minute (not at once) when the disconnect does not reach the tool.
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
    }

    [Fact]
    public async Task ToolIgnoringCancellation_EndsWithAnErrorAtItsTimeLimit()
    {
        var time = new WaitableFakeTime();
        var never = new TaskCompletionSource<string>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var function = KernelFunctionFactory.CreateFromMethod(() =>
        {
            started.TrySetResult();
            return never.Task;
        }, "slow_tool", "Never answers and ignores cancellation.");
        var limit = TimeSpan.FromSeconds(90);
        await using var server = await Server.StartAsync(Tool(function, limit, time));
        var session = await server.InitializeAsync();

        var call = server.Client.SendAsync(server.Post(Call, session), Ct);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await time.WaitForTimerAsync(limit);
        time.Advance(limit);
        using var response = await call.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("\"isError\":true", body, StringComparison.Ordinal);
        Assert.Contains("slow_tool ran past its time limit of 90 s and was stopped; nothing more was done.", body, StringComparison.Ordinal);
    }

    private static AgentTool Tool(KernelFunction function, TimeSpan limit, TimeProvider time) => new()
    {
        Name = "slow_tool",
        Description = function.Description,
        Access = ToolAccess.ReadOnly,
        Function = function,
        TimeLimit = limit,
        Time = time,
    };

    /// <summary>An in-process HTTP server without auth on a free loopback port, serving one tool.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Task _run;
        private readonly McpTestHome _home;

        private Server(McpTestHome home, CancellationTokenSource stop, Task run, Uri url)
        {
            _home = home;
            _stop = stop;
            _run = run;
            Url = url;
        }

        public Uri Url { get; }

        public HttpClient Client { get; } = new();

        public static async Task<Server> StartAsync(AgentTool tool)
        {
            var home = new McpTestHome();
            var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var listening = new TaskCompletionSource<Uri>();
            var run = McpHttpHost.RunAsync(
                new McpServeOptions { Tools = [tool], WorkDir = home.WorkDir, Http = new McpHttpOptions() },
                McpHttpEndpoint.Parse("127.0.0.1:0"), null, noAuth: true, LogLevel.None, listening.SetResult, stop.Token);
            var url = await listening.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct);
            return new Server(home, stop, run, url);
        }

        /// <summary>Opens a session as a client does: initialize, then the initialized notification.</summary>
        public async Task<string> InitializeAsync()
        {
            using var initialize = await Client.SendAsync(Post(Initialize), Ct);
            var session = initialize.Headers.GetValues("Mcp-Session-Id").Single();
            using var initialized = await Client.SendAsync(Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", session), Ct);
            return session;
        }

        public HttpRequestMessage Post(string json, string? session = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (session is not null)
            {
                request.Headers.Add("Mcp-Session-Id", session);
                request.Headers.Add("MCP-Protocol-Version", "2025-06-18");
            }

            return request;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
            _home.Dispose();
        }
    }
}
