using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using PlexImprove.Agent.Tools;
using PlexImprove.Mcp.Hosting;

namespace PlexImprove.Mcp.Tests.TestSupport;

/// <summary>The Streamable HTTP server in process on a free loopback port without auth (the weakest configuration allowed).</summary>
internal sealed class InProcessHttpServer : IAsyncDisposable
{
    /// <summary>The initialize request a client sends first.</summary>
    public const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    private readonly CancellationTokenSource _stop;
    private readonly Task _run;
    private readonly McpTestHome _home;

    private InProcessHttpServer(McpTestHome home, CancellationTokenSource stop, Task run, Uri url)
    {
        _home = home;
        _stop = stop;
        _run = run;
        Url = url;
    }

    public Uri Url { get; }

    public HttpClient Client { get; } = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a server with <paramref name="http"/> serving <paramref name="tools"/> (none by default).</summary>
    public static async Task<InProcessHttpServer> StartAsync(McpHttpOptions http, IReadOnlyList<AgentTool>? tools = null)
    {
        var home = new McpTestHome();
        var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var listening = new TaskCompletionSource<Uri>();
        var run = McpHttpHost.RunAsync(
            new McpServeOptions { Tools = tools ?? [], WorkDir = home.WorkDir, Http = http },
            McpHttpEndpoint.Parse("127.0.0.1:0"), null, noAuth: true, LogLevel.None, listening.SetResult, stop.Token);
        var url = await listening.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        return new InProcessHttpServer(home, stop, run, url);
    }

    /// <summary>Opens a session as a client does: initialize, then the initialized notification; returns the session id.</summary>
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

    public async Task<HttpStatusCode> PingAsync(string session, CancellationToken cancellationToken)
    {
        using var request = Post("""{"jsonrpc":"2.0","id":2,"method":"ping"}""", session);
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.StatusCode;
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
