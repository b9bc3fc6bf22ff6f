using PlexImprove.Core.Errors;
using PlexImprove.Plex.Restart;
using PlexImprove.Plex.Tests.Fakes;

namespace PlexImprove.Plex.Tests.Restart;

public sealed class PlexRestarterTests : IAsyncLifetime
{
    private const string Agent = "com.plexapp.agents.testagent";
    private readonly string _logs = PluginLogWriter.Temp();
    private FakePlexServer _server = null!;
    private PluginLogWriter _log = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakePlexServer.StartAsync();
        _log = new PluginLogWriter(_logs, Agent) { At = DateTime.Now.AddHours(-2) };
        _log.Start();
        _log.At = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_logs, recursive: true);
    }

    private RestartRequest Request(RestartMethod method = RestartMethod.Auto, RestartPlatform platform = RestartPlatform.Linux) => new()
    {
        Method = method,
        Plugins = [Agent],
        LogsDir = _logs,
        Platform = platform,
        IdentityTimeout = TimeSpan.FromSeconds(10),
        PluginStartTimeout = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public async Task Restart_PluginUrl_RestartsThePlugin_AndSeesItStarted()
    {
        _server.OnPluginRestart = id => { _log.Start(); return id == Agent; };
        using var client = TestClients.For(_server);
        var runner = new RecordingProcessRunner();

        var result = await new PlexRestarter(client, runner, new ScriptedPrompt(false)).RestartAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal(RestartMethod.Plugin, result.Method);
        Assert.Equal(FakePlexServer.Version, result.ServerVersion);
        Assert.Equal(PluginLoadStatus.Started, Assert.Single(result.Plugins).Status);
        Assert.Empty(result.LoadFailures);
        Assert.Empty(runner.Calls);
        Assert.True(File.Exists(Path.Combine(_logs, Agent + ".log.1")));
    }

    [Fact]
    public async Task Restart_CodeThatFailsToLoad_IsACriticalLoadFailure()
    {
        _server.OnPluginRestart = _ => { _log.Start(loadFails: true); return true; };
        using var client = TestClients.For(_server);

        var result = await new PlexRestarter(client, new RecordingProcessRunner(), new ScriptedPrompt(false)).RestartAsync(Request(), TestContext.Current.CancellationToken);

        var plugin = Assert.Single(result.Plugins);
        Assert.Equal(PluginLoadStatus.LoadFailed, plugin.Status);
        Assert.Contains("Exception while loading code", plugin.Detail, StringComparison.Ordinal);
        Assert.Contains("SyntaxError", Assert.Single(result.LoadFailures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_PluginThatNeverLogsAStart_IsReportedNotStarted()
    {
        _server.OnPluginRestart = _ => true;
        using var client = TestClients.For(_server);
        var time = new WaitableFakeTime(DateTimeOffset.Now);
        var limit = Request().PluginStartTimeout;

        var restart = new PlexRestarter(client, new RecordingProcessRunner(), new ScriptedPrompt(false), time)
            .RestartAsync(Request(), TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(d => d == TimeSpan.FromMilliseconds(250), "the first look at the log for a start");
        time.Advance(limit);
        var result = await restart.WaitAsync(WaitableFakeTime.DefaultPatience, TestContext.Current.CancellationToken);

        var plugin = Assert.Single(result.Plugins);
        Assert.Equal(PluginLoadStatus.NotStarted, plugin.Status);
        Assert.Equal($"'{Agent}' logged no 'Started plug-in' within 3 s of the restart.", plugin.Detail);
        Assert.Single(result.LoadFailures);
    }

    [Fact]
    public async Task Restart_NothingAllowedWorks_NonInteractive_NeedsTheUser_WithoutEverCallingSudo()
    {
        using var client = TestClients.For(_server);
        var runner = new RecordingProcessRunner { Answer = (_, _) => new ProcessResult(1, "", "Failed to restart plexmediaserver.service: Interactive authentication required.") };

        var e = await Assert.ThrowsAsync<RestartNeedsUserException>(() =>
            new PlexRestarter(client, runner, new ScriptedPrompt(interactive: false)).RestartAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Equal(FailureKind.NeedsUser, e.Kind);
        Assert.Contains("systemctl restart plexmediaserver", e.Message, StringComparison.Ordinal);
        Assert.Contains("Interactive authentication required", e.Message, StringComparison.Ordinal);
        var (file, arguments) = Assert.Single(runner.Calls);
        Assert.Equal("systemctl", file);
        Assert.Equal(["--no-ask-password", "restart", "plexmediaserver"], arguments);
        Assert.DoesNotContain(runner.Calls, c => c.File.Contains("sudo", StringComparison.Ordinal) || c.Arguments.Contains("sudo"));
    }

    [Fact]
    public async Task Restart_Manual_Interactive_WaitsForTheUsersConfirmation()
    {
        _log.Start();
        using var client = TestClients.For(_server);
        var prompt = new ScriptedPrompt(interactive: true);

        var result = await new PlexRestarter(client, new RecordingProcessRunner(), prompt)
            .RestartAsync(Request(RestartMethod.Manual, RestartPlatform.MacOS), TestContext.Current.CancellationToken);

        Assert.Equal(RestartMethod.Manual, result.Method);
        Assert.Contains("menu-bar", Assert.Single(prompt.Shown), StringComparison.Ordinal);
        Assert.Equal(PluginLoadStatus.Started, Assert.Single(result.Plugins).Status);
    }

    [Fact]
    public async Task Restart_Manual_UserDeclines_NeedsTheUser()
    {
        using var client = TestClients.For(_server);

        var error = await Assert.ThrowsAsync<RestartNeedsUserException>(() =>
            new PlexRestarter(client, new RecordingProcessRunner(), new ScriptedPrompt(interactive: true, confirms: false))
                .RestartAsync(Request(RestartMethod.Manual), TestContext.Current.CancellationToken));

        Assert.Contains(PlexRestarter.ManualStep(RestartPlatform.Linux), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_AppOnMacOS_QuitsAndLaunchesWithOsascript()
    {
        _log.Start();
        using var client = TestClients.For(_server);
        var runner = new RecordingProcessRunner { Answer = (file, _) => new ProcessResult(file == "pgrep" ? 1 : 0, "", "") };

        var result = await new PlexRestarter(client, runner, new ScriptedPrompt(false))
            .RestartAsync(Request(RestartMethod.App, RestartPlatform.MacOS), TestContext.Current.CancellationToken);

        Assert.Equal(RestartMethod.App, result.Method);
        Assert.Equal(["osascript", "pgrep", "osascript"], runner.Calls.Select(c => c.File));
        Assert.Equal("tell app \"Plex Media Server\" to quit", runner.Calls[0].Arguments[1]);
        Assert.Equal("tell app \"Plex Media Server\" to launch", runner.Calls[2].Arguments[1]);
    }

    [Fact]
    public async Task Restart_AppOnWindows_UsesTaskkillWithoutForce_AndTheRegisteredFolder()
    {
        _log.Start();
        using var client = TestClients.For(_server);
        var runner = new RecordingProcessRunner
        {
            Answer = (file, _) => file switch
            {
                "reg" => new ProcessResult(0, "\r\nHKEY_CURRENT_USER\\Software\\Plex, Inc.\\Plex Media Server\r\n    InstallFolder    REG_SZ    C:\\Program Files\\Plex\\Plex Media Server\r\n", ""),
                "tasklist" => new ProcessResult(0, "INFO: No tasks are running which match the specified criteria.", ""),
                _ => new ProcessResult(0, "", ""),
            },
        };

        var result = await new PlexRestarter(client, runner, new ScriptedPrompt(false))
            .RestartAsync(Request(RestartMethod.App, RestartPlatform.Windows), TestContext.Current.CancellationToken);

        Assert.Equal(RestartMethod.App, result.Method);
        var kill = runner.Calls.Single(c => c.File == "taskkill");
        Assert.DoesNotContain("/f", kill.Arguments, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("C:\\Program Files\\Plex\\Plex Media Server\\Plex Media Server.exe", runner.Calls.Single(c => c.File == "cmd").Arguments[^1]);
    }

    [Theory]
    [InlineData(RestartMethod.Auto, RestartPlatform.Linux, true, new[] { RestartMethod.Plugin, RestartMethod.Systemd, RestartMethod.Manual })]
    [InlineData(RestartMethod.Auto, RestartPlatform.MacOS, true, new[] { RestartMethod.Plugin, RestartMethod.App, RestartMethod.Manual })]
    [InlineData(RestartMethod.Auto, RestartPlatform.Windows, false, new[] { RestartMethod.App, RestartMethod.Manual })]
    [InlineData(RestartMethod.Systemd, RestartPlatform.Linux, true, new[] { RestartMethod.Systemd, RestartMethod.Manual })]
    [InlineData(RestartMethod.Manual, RestartPlatform.Linux, true, new[] { RestartMethod.Manual })]
    public void Plan_EndsWithTheManualStep(RestartMethod method, RestartPlatform platform, bool withPlugins, RestartMethod[] expected)
    {
        var plan = PlexRestarter.Plan(new RestartRequest { Method = method, Platform = platform, Plugins = withPlugins ? [Agent] : [] });

        Assert.Equal(expected, plan);
    }

    [Fact]
    public async Task ProcessRunner_RefusesSudo()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ProcessRunner().RunAsync("sudo", ["systemctl", "restart", "plexmediaserver"], TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));

        Assert.Equal("PlexImproveAgent never runs sudo.", error.Message);
    }

    [Fact]
    public async Task ProcessRunner_RunsARealProcess_AndReportsAMissingProgram()
    {
        var ok = await new ProcessRunner().RunAsync("sh", ["-c", "echo hello; exit 3"], TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var missing = await new ProcessRunner().RunAsync("no-such-program-xyz", [], TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(3, ok.ExitCode);
        Assert.Equal("hello", ok.StandardOutput.Trim());
        Assert.Equal(127, missing.ExitCode);
    }
}
