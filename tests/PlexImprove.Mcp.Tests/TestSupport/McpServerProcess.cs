using ModelContextProtocol.Client;

namespace PlexImprove.Mcp.Tests.TestSupport;

/// <summary>Starts the real <c>plex-improve mcp</c> in a child process over stdio, as Claude Desktop or VS Code do.</summary>
public static class McpServerProcess
{
    public static async Task<McpClient> ConnectAsync(McpTestHome home, McpClientOptions? options = null, params string[] extraArgs)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "plex-improve",
            Command = "dotnet",
            Arguments = [BuiltCli.Dll(), "mcp", .. extraArgs],
            WorkingDirectory = home.Root,
            EnvironmentVariables = home.Environment(),
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await McpClient.CreateAsync(transport, options, cancellationToken: timeout.Token);
    }
}
