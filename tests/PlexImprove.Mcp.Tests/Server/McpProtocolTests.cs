using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PlexImprove.Agent.Tools;
using PlexImprove.Mcp.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Mcp.Tests.Server;

/// <summary>The MCP server's tools, prompts and resources over the protocol, in memory, driven by the C# MCP client.</summary>
public sealed class McpProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadOnlyTool_OnFixtureLogs_AnswersWithPlainTextNotAJsonString()
    {
        using var home = new McpTestHome();
        await using var server = await InMemoryMcpServer.ConnectAsync(home);
        var client = server.Client;

        var result = await client.CallToolAsync(ToolNames.AggregateLogs, new Dictionary<string, object?>(), cancellationToken: Ct);

        Assert.NotEqual(true, result.IsError);
        string text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.False(text.StartsWith('"'), "a string result must not be JSON-quoted: " + text[..Math.Min(80, text.Length)]);
        Assert.Contains("AEBN", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewPatch_ShowsTheDiff_AndWritesNothing()
    {
        using var home = new McpTestHome();
        await using var server = await InMemoryMcpServer.ConnectAsync(home);
        var client = server.Client;

        var result = await client.CallToolAsync(ToolNames.PreviewPatch, new Dictionary<string, object?> { ["fixId"] = "aug", ["patch"] = McpTestHome.FixPatch }, cancellationToken: Ct);

        Assert.NotEqual(true, result.IsError);
        string text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        Assert.Contains("n = n - 1", text, StringComparison.Ordinal);
        Assert.Equal(McpTestHome.AgentCode, File.ReadAllText(home.AgentPath));
    }

    [Fact]
    public async Task ApplyPatch_WithoutAllowWrites_IsRefusedWithTheReason_AndTheFileIsUnchanged()
    {
        using var home = new McpTestHome();
        await using var server = await InMemoryMcpServer.ConnectAsync(home);
        var client = server.Client;

        var result = await client.CallToolAsync(ToolNames.ApplyPatch, new Dictionary<string, object?> { ["fixId"] = "aug", ["patch"] = McpTestHome.FixPatch }, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.Contains("--allow-writes", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        Assert.Equal(McpTestHome.AgentCode, File.ReadAllText(home.AgentPath));
        Assert.False(Directory.Exists(Path.Combine(home.WorkDir, "iteration_1", "_BACKUPS")));
    }

    [Fact]
    public async Task ApplyPatch_WhenTheUserDeclinesTheShownDiff_ChangesNothing()
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
        var client = server.Client;

        var result = await client.CallToolAsync(ToolNames.ApplyPatch, new Dictionary<string, object?> { ["fixId"] = "aug", ["patch"] = McpTestHome.FixPatch }, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.Contains("not confirmed", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        Assert.Contains("n = n - 1", shown, StringComparison.Ordinal);
        Assert.Equal(McpTestHome.AgentCode, File.ReadAllText(home.AgentPath));
    }

    [Fact]
    public async Task ApplyPatch_WhenTheUserConfirms_AppliesTheChange()
    {
        using var home = new McpTestHome();
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (_, _) => ValueTask.FromResult(new ElicitResult
                {
                    Action = "accept",
                    Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) },
                }),
            },
        };
        await using var server = await InMemoryMcpServer.ConnectAsync(home, options, allowWrites: true);
        var client = server.Client;

        var result = await client.CallToolAsync(ToolNames.ApplyPatch, new Dictionary<string, object?> { ["fixId"] = "aug", ["patch"] = McpTestHome.FixPatch }, cancellationToken: Ct);

        Assert.NotEqual(true, result.IsError);
        Assert.Contains("n = n - 1", File.ReadAllText(home.AgentPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAgentFile_OutsideThePluginsFolder_IsRefused()
    {
        using var home = new McpTestHome();
        await using var server = await InMemoryMcpServer.ConnectAsync(home);
        var client = server.Client;
        var readFile = (await client.ListToolsAsync(cancellationToken: Ct)).Single(t => t.Name == ToolNames.ReadAgentFile).ProtocolTool;
        string pathArgument = readFile.InputSchema.GetProperty("required").EnumerateArray().First().GetString()!;

        var result = await client.CallToolAsync(ToolNames.ReadAgentFile, new Dictionary<string, object?> { [pathArgument] = "../outside.txt" }, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.DoesNotContain("not an agent file", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownToolAndBadArguments_AreErrorsNamingTheProblem()
    {
        using var home = new McpTestHome();
        await using var server = await InMemoryMcpServer.ConnectAsync(home);
        var client = server.Client;

        var unknown = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.CallToolAsync("no_such_tool", cancellationToken: Ct));
        var missing = await client.CallToolAsync(ToolNames.PreviewPatch, new Dictionary<string, object?> { ["fixId"] = "aug" }, cancellationToken: Ct);
        var extra = await client.CallToolAsync(ToolNames.ReadLessons, new Dictionary<string, object?> { ["colour"] = "red" }, cancellationToken: Ct);

        Assert.Contains("no_such_tool", unknown.Message, StringComparison.Ordinal);
        Assert.True(missing.IsError);
        Assert.Contains("'patch'", Assert.IsType<TextContentBlock>(Assert.Single(missing.Content)).Text, StringComparison.Ordinal);
        Assert.True(extra.IsError);
        Assert.Contains("'colour'", Assert.IsType<TextContentBlock>(Assert.Single(extra.Content)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompts_AreTheSixPhasePrompts_RenderedWithTheirArgumentsAndTheCurrentLessons()
    {
        using var home = new McpTestHome();
        await using var server = await InMemoryMcpServer.ConnectAsync(home);
        var client = server.Client;

        var prompts = await client.ListPromptsAsync(cancellationToken: Ct);
        var diagnosis = prompts.Single(p => p.Name == "phase2_diagnosis").ProtocolPrompt;
        var rendered = await client.GetPromptAsync("phase2_diagnosis", new Dictionary<string, object?> { ["digest"] = "AEBN fails with HTTP 403 in 60% of searches." }, cancellationToken: Ct);

        Assert.Equal(6, prompts.Count);
        Assert.Contains(diagnosis.Arguments!, a => a.Name == "digest" && a.Required == true);
        string text = string.Join("\n", rendered.Messages.Select(m => m.Content).OfType<TextContentBlock>().Select(b => b.Text));
        Assert.Contains("AEBN fails with HTTP 403 in 60% of searches.", text, StringComparison.Ordinal);
        Assert.Contains("You are the diagnostician", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompts_AnUnknownName_IsRefusedNamingIt()
    {
        using var home = new McpTestHome();
        await using var server = await InMemoryMcpServer.ConnectAsync(home);

        var refused = await Assert.ThrowsAnyAsync<McpProtocolException>(async () => await server.Client.GetPromptAsync("phase9_nothing", cancellationToken: Ct));

        Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);
        Assert.Contains("'phase9_nothing'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resources_ListTheRunReportsAndLessons_ReadByUri_AndRefuseOtherUris()
    {
        using var home = new McpTestHome();
        await using var server = await InMemoryMcpServer.ConnectAsync(home);
        var client = server.Client;

        var resources = await client.ListResourcesAsync(cancellationToken: Ct);
        var metrics = await client.ReadResourceAsync("plex-improve://work/iteration_1/metrics.json", cancellationToken: Ct);
        var escape = await Assert.ThrowsAnyAsync<McpException>(async () => await client.ReadResourceAsync("plex-improve://work/../outside.txt", cancellationToken: Ct));

        Assert.Equal(
            ["plex-improve://work/loop_state.json", "plex-improve://work/iteration_1/aggregated_logs.md", "plex-improve://work/iteration_1/metrics.json", "plex-improve://lessons/lessons_learned.md"],
            resources.Select(r => r.Uri));
        Assert.Contains("successRate", Assert.IsType<TextResourceContents>(Assert.Single(metrics.Contents)).Text, StringComparison.Ordinal);
        Assert.Contains("not a report", escape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resources_ANewReport_IsAnnouncedOncePerSession_HoweverManyRequestsTheClientMade()
    {
        using var home = new McpTestHome();
        await using var server = await InMemoryMcpServer.ConnectAsync(home, new McpClientOptions { ProtocolVersion = "2025-06-18" });
        var client = server.Client;
        int announced = 0;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var handler = client.RegisterNotificationHandler(NotificationMethods.ResourceListChangedNotification, (_, _) =>
        {
            Interlocked.Increment(ref announced);
            first.TrySetResult();
            return ValueTask.CompletedTask;
        });
        await client.SubscribeToResourceAsync("plex-improve://work/loop_state.json", (_, _) =>
        {
            marker.TrySetResult();
            return ValueTask.CompletedTask;
        }, cancellationToken: Ct);
        for (int i = 0; i < 3; i++)
        {
            await client.ListResourcesAsync(cancellationToken: Ct);
        }

        await File.WriteAllTextAsync(Path.Combine(home.WorkDir, "iteration_1", "diagnostic_report.md"), "# Diagnosis\n", Ct);
        await first.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        // A later change is announced after everything the first one caused (one session, notifications in order over
        // one pipe): once its notification is here, a duplicate of the first announcement would be too.
        await File.WriteAllTextAsync(Path.Combine(home.WorkDir, "loop_state.json"), """{"iteration": 2, "phase": "diagnose", "note": "a marker change"}""", Ct);
        await marker.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(1, announced);
    }

    [Fact]
    public async Task Resources_ASubscribedReportThatARunRewrites_IsAnnouncedAsUpdated()
    {
        using var home = new McpTestHome();
        var updated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The clients in use subscribe with resources/subscribe (protocol 2025-06-18); on the SDK's newest protocol
        // version the server expects subscriptions/listen instead, which the SDK's own client does not send yet.
        await using var server = await InMemoryMcpServer.ConnectAsync(home, new McpClientOptions { ProtocolVersion = "2025-06-18" });
        var client = server.Client;
        const string uri = "plex-improve://work/loop_state.json";
        await client.SubscribeToResourceAsync(uri, (notification, _) =>
        {
            updated.TrySetResult(notification.Uri);
            return ValueTask.CompletedTask;
        }, cancellationToken: Ct);

        await File.WriteAllTextAsync(Path.Combine(home.WorkDir, "loop_state.json"), """{"iteration": 2, "phase": "diagnose", "note": "a longer state"}""", Ct);

        Assert.Equal(uri, await updated.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct));
    }
}
