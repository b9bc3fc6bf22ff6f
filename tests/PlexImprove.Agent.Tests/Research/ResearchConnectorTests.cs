using ModelContextProtocol.Protocol;
using PlexImprove.Agent.Research;
using PlexImprove.Agent.Tests.Llm;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;
using PlexImprove.Mcp.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace PlexImprove.Agent.Tests.Research;

/// <summary>Attaching research servers: a real third-party server over stdio, our own server over HTTP, and servers that fail.</summary>
public sealed class ResearchConnectorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Attach_EverythingServerOverStdio_ListsItsToolsAsServerPrefixedFunctions()
    {
        var connector = CreateSut([await ResearchFixtures.EverythingAsync()]);

        await using var session = await connector.AttachAsync(ResearchPhases.Diagnose, null, Ct);

        var status = Assert.Single(session.Servers);
        Assert.Equal(ResearchServerState.Attached, status.State);
        var names = session.Tools.Select(t => t.Name).ToList();
        Assert.Contains("everything_echo", names);
        Assert.Contains("everything_get_sum", names);
        Assert.All(names, n => Assert.Matches("^everything_[A-Za-z0-9_]+$", n));
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Call_EchoTool_ReturnsTheServersText()
    {
        var connector = CreateSut([await ResearchFixtures.EverythingAsync()]);
        await using var session = await connector.AttachAsync(ResearchPhases.Chat, null, Ct);
        var echo = session.Tools.Single(t => t.ToolName == "echo");

        string text = await echo.CallAsync(new Dictionary<string, object?> { ["message"] = "plex agents" }, Ct);

        Assert.Equal("Echo: plex agents", text);
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Call_HugeResult_IsCutWithANote()
    {
        var connector = CreateSut([await ResearchFixtures.EverythingAsync()], maxResultChars: 1000);
        await using var session = await connector.AttachAsync(ResearchPhases.Chat, null, Ct);
        var echo = session.Tools.Single(t => t.ToolName == "echo");

        string text = await echo.CallAsync(new Dictionary<string, object?> { ["message"] = new string('x', 5000) }, Ct);

        Assert.StartsWith("Echo: xxx", text, StringComparison.Ordinal);
        Assert.Contains("[truncated: 1000 of 5006 characters shown (Research:MaxResultChars)", text, StringComparison.Ordinal);
        Assert.True(text.Length < 1200);
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Call_ToolThatReturnsAnError_GivesTheModelAnErrorTextNamingTheServer()
    {
        var connector = CreateSut([await ResearchFixtures.EverythingAsync()]);
        await using var session = await connector.AttachAsync(ResearchPhases.Chat, null, Ct);
        var sum = session.Tools.Single(t => t.ToolName == "get-sum");

        string text = await sum.CallAsync(new Dictionary<string, object?> { ["a"] = "not a number" }, Ct);

        Assert.StartsWith("Error from research server 'everything', tool get-sum:", text, StringComparison.Ordinal);
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Attach_CommandThatDoesNotExist_IsReportedOnceNamingTheServer_AndTheOthersAttach()
    {
        var missing = new ResearchServerOptions { Name = "ghost", Command = "plex-improve-no-such-server", StartTimeoutSeconds = 20 };
        var connector = CreateSut([missing, await ResearchFixtures.EverythingAsync()]);
        var reports = new List<string>();

        await using var session = await connector.AttachAsync(ResearchPhases.Diagnose, reports.Add, Ct);

        string report = Assert.Single(reports);
        Assert.Contains("Research server 'ghost' (command 'plex-improve-no-such-server')", report, StringComparison.Ordinal);
        Assert.Contains("Going on without it.", report, StringComparison.Ordinal);
        Assert.Equal(ResearchServerState.Failed, session.Servers.Single(s => s.Name == "ghost").State);
        Assert.Equal(ResearchServerState.Attached, session.Servers.Single(s => s.Name == "everything").State);
        Assert.NotEmpty(session.Tools);
    }

    [Fact]
    public async Task Attach_ServerThatHangs_IsSkippedAfterItsStartTimeout()
    {
        var time = new WaitableFakeTime();
        var connector = CreateSut([ResearchFixtures.Hanging(startTimeoutSeconds: 2)], time: time);
        var reports = new List<string>();

        var attach = connector.AttachAsync(ResearchPhases.Diagnose, reports.Add, Ct);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(2));
        await using var session = await attach.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Contains("Research server 'hangs' (command 'node') did not answer within 2 s (StartTimeoutSeconds)", Assert.Single(reports), StringComparison.Ordinal);
        Assert.Empty(session.Tools);
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Attach_UnknownPhaseInConfiguration_SkipsTheServerWithAMessageNamingIt()
    {
        var server = await ResearchFixtures.EverythingAsync(s => s.Phases = ["diagnose", "phase9"]);
        var connector = CreateSut([server]);
        var reports = new List<string>();

        await using var session = await connector.AttachAsync(ResearchPhases.Diagnose, reports.Add, Ct);

        Assert.Contains("Research server 'everything': phase 'phase9' is not known; use diagnose, chat, postmortem.", Assert.Single(reports), StringComparison.Ordinal);
        Assert.Empty(session.Tools);
    }

    [Fact]
    public async Task Attach_ServerNotOfferedInThePhase_IsNotStarted()
    {
        var server = new ResearchServerOptions { Name = "later", Command = "plex-improve-no-such-server", Phases = ["postmortem"] };
        var reports = new List<string>();

        await using var session = await CreateSut([server]).AttachAsync(ResearchPhases.Chat, reports.Add, Ct);

        Assert.Empty(reports);
        Assert.Equal(ResearchServerState.NotInPhase, Assert.Single(session.Servers).State);
    }

    [Fact]
    public async Task Attach_OurOwnMcpServerOverHttp_AttachesReadOnlyTools_AndNeverTheDestructiveWriters()
    {
        const string token = "research-http-token-0123456789";
        using var fixture = new ToolFixture();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var listening = new TaskCompletionSource<Uri>();
        var serverTask = McpHttpHost.RunAsync(
            new McpServeOptions { Tools = fixture.Registry().Tools, WorkDir = fixture.WorkDir },
            McpHttpEndpoint.Parse("127.0.0.1:0"), token, noAuth: false, LogLevel.Warning, listening.SetResult, stop.Token);
        var url = await listening.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        var server = new ResearchServerOptions
        {
            Name = "ours",
            Transport = ResearchTransports.Http,
            Url = url.ToString(),
            HeaderSecrets = new() { ["Authorization"] = "OURS_TOKEN" },
        };
        var connector = new ResearchConnector(new ResearchOptions { Servers = [server] }, name => name == "OURS_TOKEN" ? token : null);

        await using (var session = await connector.AttachAsync(ResearchPhases.Diagnose, null, Ct))
        {
            var status = Assert.Single(session.Servers);
            Assert.Equal(ResearchServerState.Attached, status.State);
            Assert.Contains("ours_list_signatures", session.Tools.Select(t => t.Name));
            foreach (string writer in ToolNames.Writers)
            {
                Assert.DoesNotContain("ours_" + writer, session.Tools.Select(t => t.Name));
            }

            Assert.Contains(status.Withheld, w => w.Tool == ToolNames.ApplyPatch && w.Reason.Contains("destructive", StringComparison.Ordinal));
            string signatures = await session.Tools.Single(t => t.Name == "ours_list_signatures").CallAsync(new Dictionary<string, object?>(), Ct);
            Assert.DoesNotContain("Error", signatures[..Math.Min(20, signatures.Length)], StringComparison.Ordinal);
        }

        await stop.CancelAsync();
        await serverTask;
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Session_Dispose_RemovesTheResearchPluginFromTheKernel()
    {
        var kernel = new Kernel();
        var session = await CreateSut([await ResearchFixtures.EverythingAsync()]).AttachAsync(ResearchPhases.Diagnose, null, Ct);
        session.AttachTo(kernel);
        Assert.True(kernel.Plugins.TryGetFunction(ResearchSession.PluginName, "everything_echo", out _));

        await session.DisposeAsync();

        Assert.Empty(kernel.Plugins);
    }

    [Fact]
    public void Selection_ByDefaultReadOnlyAndUnannotatedTools_DestructiveOnlyWhenNamedExplicitly()
    {
        var destructive = new Tool { Name = "delete_page", Annotations = new ToolAnnotations { DestructiveHint = true } };
        var readOnly = new Tool { Name = "search", Annotations = new ToolAnnotations { ReadOnlyHint = true } };
        var writer = new Tool { Name = "fill_form", Annotations = new ToolAnnotations { ReadOnlyHint = false, DestructiveHint = false } };
        var unannotated = new Tool { Name = "echo" };

        var byDefault = new ResearchServerOptions { Name = "s" };
        var named = new ResearchServerOptions { Name = "s", Tools = ["delete_page"] };

        Assert.False(ResearchToolSelection.Decide(byDefault, destructive).Attached);
        Assert.True(ResearchToolSelection.Decide(byDefault, readOnly).Attached);
        Assert.False(ResearchToolSelection.Decide(byDefault, writer).Attached);
        Assert.True(ResearchToolSelection.Decide(byDefault, unannotated).Attached);
        Assert.True(ResearchToolSelection.Decide(named, destructive).Attached);
        Assert.False(ResearchToolSelection.Decide(named, readOnly).Attached);
    }

    private static ResearchConnector CreateSut(List<ResearchServerOptions> servers, int maxResultChars = 16_000, TimeProvider? time = null) =>
        new(new ResearchOptions { Servers = servers, MaxResultChars = maxResultChars }, _ => null, time: time);
}
