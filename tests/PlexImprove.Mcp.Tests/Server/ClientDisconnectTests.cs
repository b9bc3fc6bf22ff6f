using Xunit;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using PlexImprove.Mcp.Tests.TestSupport;

namespace PlexImprove.Mcp.Tests.Server;

/// <summary>What the server does when its client goes away in the middle of a tool call, as an editor closed mid-run.</summary>
public sealed class ClientDisconnectTests : IDisposable
{
    private readonly McpTestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task ClientClosesStdinDuringACall_TheServerCancelsTheCallAndExitsCleanly()
    {
        // A "site" that accepts the connection and never answers: without cancellation the call would last minutes.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var environment = _home.Environment();
        environment["PLEXIMPROVE__Agent__SiteHosts__0"] = "127.0.0.1";
        using var server = Start(environment);
        var ct = TestContext.Current.CancellationToken;

        await SendAsync(server, new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "initialize",
            ["params"] = new JsonObject { ["protocolVersion"] = "2025-06-18", ["capabilities"] = new JsonObject(), ["clientInfo"] = new JsonObject { ["name"] = "test", ["version"] = "1" } },
        });
        var initialized = await ReadResponseAsync(server, 1, ct);
        Assert.NotNull(initialized["result"]);
        await SendAsync(server, new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" });
        await SendAsync(server, new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = 2, ["method"] = "tools/call",
            ["params"] = new JsonObject { ["name"] = "fetch_page", ["arguments"] = new JsonObject { ["url"] = $"http://127.0.0.1:{port}/scene/1" } },
        });
        using var accepted = await silent.AcceptTcpClientAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), ct);

        server.StandardInput.Close();
        var exited = await WaitForExitAsync(server, ct);

        // The site never answers and fetch_page's own time limits add up to more than a minute: only cancelling the call lets the server exit.
        Assert.True(exited, "the server was still running 30 s after its client closed stdin: the call was not cancelled");
        Assert.Equal(0, server.ExitCode);
        Assert.DoesNotContain("Unhandled exception", await server.StandardError.ReadToEndAsync(ct), StringComparison.Ordinal);
    }

    private Process Start(Dictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { BuiltCli.Dll(), "mcp" },
            WorkingDirectory = _home.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static async Task<bool> WaitForExitAsync(Process server, CancellationToken ct)
    {
        try
        {
            await server.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
            return true;
        }
        catch (TimeoutException)
        {
            server.Kill(entireProcessTree: true);
            return false;
        }
    }

    private static async Task SendAsync(Process server, JsonObject message)
    {
        await server.StandardInput.WriteLineAsync(message.ToJsonString());
        await server.StandardInput.FlushAsync();
    }

    private static async Task<JsonNode> ReadResponseAsync(Process server, int id, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (JsonNode.Parse(line) is { } message && message["id"]?.GetValue<int>() == id)
            {
                return message;
            }
        }

        throw new InvalidOperationException("The server closed its output before answering request " + id);
    }
}
