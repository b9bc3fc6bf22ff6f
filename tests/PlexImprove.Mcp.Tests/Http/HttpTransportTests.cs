using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PlexImprove.Agent.Tools;
using PlexImprove.Mcp.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Mcp.Tests.Http;

/// <summary><c>mcp --http</c>: Streamable HTTP on loopback, behind the <c>MCP_TOKEN</c> bearer token.</summary>
public sealed class HttpTransportTests
{
    private const string Token = "mcp-test-token-7f3a9c";

    /// <summary>The protocol revision whose requests carry everything themselves: no session, so no way to ask the user.</summary>
    private const string StatelessProtocolVersion = "2026-07-28";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithTheToken_AClientListsAndCallsTools()
    {
        using var home = new McpTestHome();
        await using var server = await HttpServerProcess.StartAsync(home, Token);
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Endpoint,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token },
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Ct);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        var lessons = await client.CallToolAsync(ToolNames.ReadLessons, new Dictionary<string, object?>(), cancellationToken: Ct);

        Assert.Equal(ToolNames.All.Count, tools.Count);
        Assert.NotEqual(true, lessons.IsError);
    }

    [Fact]
    public async Task OverHttp_ASubscribedReportThatARunRewrites_IsAnnouncedAsUpdated()
    {
        using var home = new McpTestHome();
        await using var server = await HttpServerProcess.StartAsync(home, Token);
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Endpoint,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token },
        });
        // As over stdio: today's clients subscribe with resources/subscribe (protocol 2025-06-18).
        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = "2025-06-18" }, cancellationToken: Ct);
        var updated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        const string uri = "plex-improve://work/iteration_1/aggregated_logs.md";
        await client.SubscribeToResourceAsync(uri, (notification, _) =>
        {
            updated.TrySetResult(notification.Uri);
            return ValueTask.CompletedTask;
        }, cancellationToken: Ct);

        await File.WriteAllTextAsync(Path.Combine(home.WorkDir, "iteration_1", "aggregated_logs.md"), "# Aggregated logs\n\nAEBN: 55% success.\n", Ct);

        Assert.Equal(uri, await updated.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct));
    }

    [Fact]
    public async Task OverHttp_AWriterShowsTheUserTheDiff_AndAppliesOnlyWhenConfirmed()
    {
        using var home = new McpTestHome();
        await using var server = await HttpServerProcess.StartAsync(home, Token, "--allow-writes");
        string? shown = null;
        var options = new McpClientOptions
        {
            ProtocolVersion = "2025-06-18", // as today's clients: initialize, then a session
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) =>
                {
                    shown = request?.Message;
                    return ValueTask.FromResult(new ElicitResult
                    {
                        Action = "accept",
                        Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) },
                    });
                },
            },
        };
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Endpoint,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token },
        });
        await using var client = await McpClient.CreateAsync(transport, options, cancellationToken: Ct);

        var result = await client.CallToolAsync(ToolNames.ApplyPatch, new Dictionary<string, object?> { ["fixId"] = "aug", ["patch"] = McpTestHome.FixPatch }, cancellationToken: Ct);

        Assert.True(result.IsError != true, string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text)));
        Assert.Contains("n = n - 1", shown, StringComparison.Ordinal);
        Assert.Contains("n = n - 1", File.ReadAllText(home.AgentPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverStatelessHttp_AWriterThatCannotAskTheUser_ChangesNothing_AndSaysWhy()
    {
        using var home = new McpTestHome();
        await using var server = await HttpServerProcess.StartAsync(home, Token, "--allow-writes");
        var options = new McpClientOptions
        {
            // The protocol without sessions: the server cannot send the client a question. Pinned, because a client
            // that merely prefers it falls back to initialize (and gets a session that can ask) when its probe of the
            // server is not answered within the probe timeout, as a freshly started server on a loaded machine may not.
            ProtocolVersion = StatelessProtocolVersion,
            DiscoverProbeTimeout = Timeout.InfiniteTimeSpan,
            Handlers = new McpClientHandlers { ElicitationHandler = (_, _) => ValueTask.FromResult(new ElicitResult { Action = "accept" }) },
        };
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Endpoint,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token },
        });
        await using var client = await McpClient.CreateAsync(transport, options, cancellationToken: Ct);

        var result = await client.CallToolAsync(ToolNames.ApplyPatch, new Dictionary<string, object?> { ["fixId"] = "aug", ["patch"] = McpTestHome.FixPatch }, cancellationToken: Ct);

        // The whole answer in the failure message: the xUnit sub-string failure cuts it short.
        string answer = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.True(result.IsError, answer);
        Assert.True(answer.Contains("needs your confirmation, but this connection cannot ask for it", StringComparison.Ordinal), answer);
        Assert.Equal(McpTestHome.AgentCode, File.ReadAllText(home.AgentPath));
    }

    [Fact]
    public async Task WithoutOrWithAWrongToken_RequestsAreRefusedWith401()
    {
        using var home = new McpTestHome();
        await using var server = await HttpServerProcess.StartAsync(home, Token);
        using var http = new HttpClient();
        const string initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

        using var none = await http.SendAsync(Request(server.Endpoint, initialize, null), Ct);
        using var wrong = await http.SendAsync(Request(server.Endpoint, initialize, "not-the-token"), Ct);
        using var right = await http.SendAsync(Request(server.Endpoint, initialize, Token), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain(Token, await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task WithoutAConfiguredToken_TheServerRefusesToStart_UnlessNoAuthOnLoopback()
    {
        using var home = new McpTestHome();

        var (exitCode, stderr) = await HttpServerProcess.RunToEndAsync(home, null, "--http", "127.0.0.1:0");
        var (publicExit, publicStderr) = await HttpServerProcess.RunToEndAsync(home, null, "--http", "0.0.0.0:0", "--no-auth");
        await using var open = await HttpServerProcess.StartAsync(home, null, "--no-auth");
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = open.Endpoint }), cancellationToken: Ct);

        Assert.Equal(2, exitCode);
        Assert.Contains("MCP_TOKEN", stderr, StringComparison.Ordinal);
        Assert.Equal(2, publicExit);
        Assert.Contains("loopback", publicStderr, StringComparison.Ordinal);
        Assert.Equal(ToolNames.All.Count, (await client.ListToolsAsync(cancellationToken: Ct)).Count);
    }

    private static HttpRequestMessage Request(Uri endpoint, string body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
