using System.Text.Json;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Tests.TestSupport;
using PlexImprove.Python.Runtime;
using PlexImprove.Sandbox.Hosting;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>
/// A fix that breaks the agent, as real processes against Plex in a box: <c>restart</c> without <c>--plugin</c>
/// restarts what the fix changed, <c>test</c> decides ROLLBACK and names the command, and
/// <c>--rollback-on-fail</c> restores the code and restarts the plug-in.
/// </summary>
public sealed class RollbackOnFailAgainstSandboxTests
{
    private const string Token = "rollback-token-5d1e";

    [Fact]
    public async Task BreakingFix_RestartWithoutPlugin_ThenTestNamesTheRollback_AndRollbackOnFailRestoresTheCode()
    {
        using var home = new TempDirectory();
        await using var sandbox = await SandboxHost.StartAsync(
            new SandboxOptions { ScenarioRoot = Path.Combine(AppContext.BaseDirectory, "scenarios", "demo"), Dir = home.File("sandbox"), Port = 0, Token = Token },
            await new Python27Locator(new Python27LocatorOptions { ProjectRoot = RepositoryPaths.Root(), SearchPath = "", ScriptHosts = [] }).LocateAsync(TestContext.Current.CancellationToken),
            TimeProvider.System, TestContext.Current.CancellationToken);
        var connection = sandbox.Connection;
        var environment = new Dictionary<string, string>
        {
            ["PLEX_TOKEN"] = Token,
            ["PLEXIMPROVE__Plex__Url"] = connection.Url,
            ["PLEXIMPROVE__Plex__LogsDir"] = connection.LogsDir,
            ["PLEXIMPROVE__Plex__PluginsDir"] = connection.PluginsDir,
            ["PLEXIMPROVE__Python27__Path"] = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr", "bin", "python2.7"),
            ["PLEXIMPROVE__Python27__Home"] = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr"),
            ["PLEXIMPROVE__Run__WorkDir"] = home.File("work"),
        };
        Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(home.Path, environment, args);
        var code = Path.Combine(connection.PluginsDir, "AEBN.bundle", "Contents", "Code", "__init__.py");
        var original = File.ReadAllBytes(code);

        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Add("X-Plex-Token", Token);
            using var response = await http.GetAsync($"{connection.Url}/library/sections/2/refresh", TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        await sandbox.Refreshes.WhenIdleAsync(TestContext.Current.CancellationToken);
        var baseline = await Run("aggregate", "--agent", "AEBN", "--json", home.File("work/iteration_1/metrics.json"));
        Assert.Equal(ExitCodes.Ok, baseline.ExitCode);

        File.WriteAllText(home.File("break.json"), JsonSerializer.Serialize(new
        {
            edits = new[]
            {
                new
                {
                    file = "AEBN.bundle/Contents/Code/__init__.py",
                    search = "    title = title.lower().strip()\n",
                    replace = "    title = title.lower().strip()\n    raise ValueError('broken on purpose')\n",
                },
            },
        }));
        var apply = await Run("apply", "--iteration", "1", "--fix-id", "aebn-broken", "--patch", home.File("break.json"));
        var restart = await Run("restart");

        Assert.True(apply.ExitCode == ExitCodes.Ok, apply.Stdout + apply.Stderr);
        Assert.Contains("plex-improve restart --plugin com.plexapp.agents.AEBN", apply.Stdout, StringComparison.Ordinal);
        Assert.True(restart.ExitCode == ExitCodes.Ok, restart.Stdout + restart.Stderr);
        Assert.Contains("changed by the last fix 'aebn-broken': com.plexapp.agents.AEBN", restart.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("systemctl", restart.Stdout + restart.Stderr, StringComparison.Ordinal);

        var told = await Run("test", "--fix-id", "aebn-broken", "--agent", "AEBN", "--baseline", home.File("work/iteration_1/metrics.json"), "--iteration", "1");

        Assert.True(told.ExitCode == ExitCodes.WorkFailed, told.Stdout + told.Stderr);
        Assert.Contains("ROLLBACK", told.Stdout, StringComparison.Ordinal);
        Assert.Contains("plex-improve rollback --fix-id aebn-broken", told.Stdout, StringComparison.Ordinal);
        Assert.Contains("--plugin com.plexapp.agents.AEBN", told.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(original, File.ReadAllBytes(code));

        var done = await Run("test", "--fix-id", "aebn-broken", "--agent", "AEBN", "--baseline", home.File("work/iteration_1/metrics.json"), "--iteration", "1", "--rollback-on-fail");

        Assert.True(done.ExitCode == ExitCodes.WorkFailed, done.Stdout + done.Stderr);
        Assert.Contains("Rolled back fix 'aebn-broken'", done.Stdout, StringComparison.Ordinal);
        Assert.Contains("com.plexapp.agents.AEBN Started", done.Stdout, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(code));
    }
}
