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
        await using var server = await InProcessHttpServer.StartAsync(new McpHttpOptions(), [Tool(function, TimeSpan.FromMinutes(10), TimeProvider.System)]);
        var session = await server.InitializeAsync();

        // The client's own connection, closed outright when it gives up (no draining of the event stream).
        var caller = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 });
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var call = caller.SendAsync(server.Post(Call, session), HttpCompletionOption.ResponseHeadersRead, abandon.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await abandon.CancelAsync();
        try
        {
            // The event stream's headers may have arrived before the client gave up: it then drops the stream.
            (await call).Dispose();
        }
        catch (OperationCanceledException)
        {
            // Gave up before the headers: the request was aborted.
        }

        caller.Dispose();

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
        await using var server = await InProcessHttpServer.StartAsync(new McpHttpOptions(), [Tool(function, limit, time)]);
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
}
