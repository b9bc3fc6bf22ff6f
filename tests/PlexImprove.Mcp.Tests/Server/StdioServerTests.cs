using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PlexImprove.Agent.Tools;
using PlexImprove.Mcp.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Mcp.Tests.Server;

/// <summary>
/// The built CLI's <c>mcp</c> verb over stdio, driven by the C# MCP client: its own wiring of tools, settings, flags and
/// secrets, end to end. The protocol itself is tested in memory (<see cref="McpProtocolTests"/>).
/// </summary>
public sealed class StdioServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ToolsList_ServesEveryRegistryToolUnderItsCanonicalName_WithHints()
    {
        using var home = new McpTestHome();
        await using var client = await McpServerProcess.ConnectAsync(home);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);

        Assert.Equal(ToolNames.All, tools.Select(t => t.Name));
        var apply = tools.Single(t => t.Name == ToolNames.ApplyPatch).ProtocolTool;
        Assert.True(apply.Annotations?.DestructiveHint);
        Assert.False(apply.Annotations?.ReadOnlyHint);
        Assert.Contains("fixId", apply.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.False(apply.InputSchema.TryGetProperty("condition", out _));
        var signatures = tools.Single(t => t.Name == ToolNames.ListSignatures).ProtocolTool;
        Assert.True(signatures.Annotations?.ReadOnlyHint);
        Assert.False(string.IsNullOrWhiteSpace(signatures.Description));
        Assert.True(tools.Single(t => t.Name == ToolNames.FetchPage).ProtocolTool.Annotations?.OpenWorldHint);
    }

    [Fact]
    public async Task ApplyPatch_WithAllowWrites_BacksUpAndChangesTheFile_AndRollbackRestoresIt()
    {
        using var home = new McpTestHome();
        await using var client = await McpServerProcess.ConnectAsync(home, null, "--allow-writes");

        var apply = await client.CallToolAsync(ToolNames.ApplyPatch, new Dictionary<string, object?> { ["fixId"] = "aug", ["patch"] = McpTestHome.FixPatch }, cancellationToken: Ct);
        string changed = File.ReadAllText(home.AgentPath);
        var backups = Directory.GetDirectories(Path.Combine(home.WorkDir, "iteration_1", "_BACKUPS"));
        var rollback = await client.CallToolAsync(ToolNames.RollbackFix, new Dictionary<string, object?> { ["fixId"] = "aug" }, cancellationToken: Ct);

        Assert.NotEqual(true, apply.IsError);
        Assert.Contains("n = n - 1", changed, StringComparison.Ordinal);
        Assert.StartsWith("aug_", Path.GetFileName(Assert.Single(backups)), StringComparison.Ordinal);
        Assert.NotEqual(true, rollback.IsError);
        Assert.Equal(McpTestHome.AgentCode, File.ReadAllText(home.AgentPath));
    }

    [Fact]
    public async Task Secrets_NeverReachTheClient_EvenWhenAgentCodeQuotesThem()
    {
        using var home = new McpTestHome();
        const string token = "plex-token-0123456789abcdef";
        File.WriteAllText(home.AgentPath, $"TOKEN = '{token}'\n" + McpTestHome.AgentCode);
        var environment = home.Environment();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [BuiltCli.Dll(), "mcp"],
            WorkingDirectory = home.Root,
            EnvironmentVariables = new Dictionary<string, string?>(environment) { ["PLEX_TOKEN"] = token },
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Ct);
        var readFile = (await client.ListToolsAsync(cancellationToken: Ct)).Single(t => t.Name == ToolNames.ReadAgentFile).ProtocolTool;
        string pathArgument = readFile.InputSchema.GetProperty("required").EnumerateArray().First().GetString()!;

        var result = await client.CallToolAsync(ToolNames.ReadAgentFile, new Dictionary<string, object?> { [pathArgument] = McpTestHome.AgentFile }, cancellationToken: Ct);

        string text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        Assert.Contains("TOKEN = '", text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
    }
}
