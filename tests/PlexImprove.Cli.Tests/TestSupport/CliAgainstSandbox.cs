using System.Text.Json;
using PlexImprove.Sandbox.Hosting;
using Xunit;

namespace PlexImprove.Cli.Tests.TestSupport;

/// <summary>
/// The demo Plex in a box in <c>&lt;home&gt;/sandbox</c>, and the real <c>plex-improve</c> run against it, configured
/// through the environment as a user would: token, Plex URL and folders, work folder.
/// </summary>
internal sealed class CliAgainstSandbox : IAsyncDisposable
{
    private readonly SandboxHost _sandbox;
    private readonly string _token;
    private readonly Dictionary<string, string> _environment;

    private CliAgainstSandbox(TempDirectory home, SandboxHost sandbox, string token, bool useProjectPython)
    {
        Home = home;
        _sandbox = sandbox;
        _token = token;
        _environment = new Dictionary<string, string>
        {
            ["PLEX_TOKEN"] = token,
            ["PLEXIMPROVE__Plex__Url"] = sandbox.Connection.Url,
            ["PLEXIMPROVE__Plex__LogsDir"] = sandbox.Connection.LogsDir,
            ["PLEXIMPROVE__Plex__PluginsDir"] = sandbox.Connection.PluginsDir,
            ["PLEXIMPROVE__Run__WorkDir"] = home.File("work"),
        };
        if (useProjectPython)
        {
            // The home folder has no .tools of its own; apply and test need the gate's Python 2.7.
            _environment["PLEXIMPROVE__Python27__Path"] = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr", "bin", "python2.7");
            _environment["PLEXIMPROVE__Python27__Home"] = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr");
        }
    }

    /// <summary>The CLI's home folder; it also holds the sandbox and the work folder.</summary>
    public TempDirectory Home { get; }

    public string Url => _sandbox.Connection.Url;

    public string PluginsDir => _sandbox.Connection.PluginsDir;

    /// <summary>Where <see cref="MeasureBaselineAsync"/> writes the metrics a fix is tested against.</summary>
    public string BaselineMetrics => Home.File("work/iteration_1/metrics.json");

    /// <summary>Starts the demo sandbox; <paramref name="useProjectPython"/> points the CLI at the project's Python 2.7.</summary>
    public static async Task<CliAgainstSandbox> StartAsync(string token, bool useProjectPython = true)
    {
        var home = new TempDirectory();
        try
        {
            var sandbox = await SandboxHost.StartAsync(
                new SandboxOptions { ScenarioRoot = Path.Combine(AppContext.BaseDirectory, "scenarios", "demo"), Dir = home.File("sandbox"), Port = 0, Token = token },
                await TestPython.RuntimeAsync(TestContext.Current.CancellationToken), TimeProvider.System, TestContext.Current.CancellationToken);
            return new CliAgainstSandbox(home, sandbox, token, useProjectPython);
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Home.Path, _environment, args);

    public string AgentCode(string bundle) => Path.Combine(PluginsDir, bundle + ".bundle", "Contents", "Code", "__init__.py");

    /// <summary>Refreshes every item of the agent's section once, then measures it with <c>aggregate</c>.</summary>
    public async Task<CliResult> MeasureBaselineAsync(string agent, int section)
    {
        await RefreshSectionAsync(section);
        return await RunAsync("aggregate", "--agent", agent, "--json", BaselineMetrics);
    }

    /// <summary>Writes a one-edit search/replace patch for <c>apply --patch</c> into the home folder and returns its path.</summary>
    public string WritePatch(string name, string file, string search, string replace)
    {
        var path = Home.File(name);
        File.WriteAllText(path, JsonSerializer.Serialize(new { edits = new[] { new { file, search, replace } } }));
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        Home.Dispose();
    }

    /// <summary>Refreshes every item of a section and waits until Plex is idle, so the logs hold a baseline.</summary>
    private async Task RefreshSectionAsync(int section)
    {
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Add("X-Plex-Token", _token);
            using var response = await http.GetAsync($"{Url}/library/sections/{section}/refresh", TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        await _sandbox.Refreshes.WhenIdleAsync(TestContext.Current.CancellationToken);
    }
}
