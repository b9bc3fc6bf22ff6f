using System.Net.Http.Headers;
using PlexImprove.Sandbox.Hosting;

namespace PlexImprove.Testing;

/// <summary>A running sandbox for one test, with a plain HttpClient that sends the token.</summary>
internal sealed class SandboxRun : IAsyncDisposable
{
    private readonly string? _ownedDir;

    private SandboxRun(SandboxHost host, string? ownedDir)
    {
        Host = host;
        _ownedDir = ownedDir;
        Http = new HttpClient { BaseAddress = new Uri(host.Connection.Url), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add("X-Plex-Token", host.Connection.Token);
        Http.DefaultRequestHeaders.Add("X-Plex-Client-Identifier", "sandbox-tests");
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public SandboxHost Host { get; }

    public HttpClient Http { get; }

    public string LogsDir => Host.Connection.LogsDir;

    public static string DemoRoot => Path.Combine(AppContext.BaseDirectory, "scenarios", "demo");

    /// <param name="time">The sandbox's clock (fake sites' delays and rate windows, the library's update times); default the system's.</param>
    public static async Task<SandboxRun> StartAsync(string scenarioRoot, string? dir = null, TimeSpan? pluginRequestTimeout = null, TimeProvider? time = null)
    {
        var ownedDir = dir is null ? Path.Combine(Path.GetTempPath(), "sandbox-run-" + Guid.NewGuid().ToString("N")[..8]) : null;
        var options = new SandboxOptions { ScenarioRoot = scenarioRoot, Dir = dir ?? ownedDir, Port = 0, Token = "test-token" };
        var host = await SandboxHost.StartAsync(
            pluginRequestTimeout is { } timeout ? new SandboxOptions { ScenarioRoot = options.ScenarioRoot, Dir = options.Dir, Port = 0, Token = options.Token, PluginRequestTimeout = timeout } : options,
            await TestPython.RuntimeAsync(TestContext.Current.CancellationToken), time ?? TimeProvider.System, TestContext.Current.CancellationToken);
        return new SandboxRun(host, ownedDir);
    }

    public string LogPath(string identifier) => Path.Combine(LogsDir, identifier + ".log");

    public string ReadLog(string identifier) => File.ReadAllText(LogPath(identifier));

    public string CodePath(string bundle) => Path.Combine(Host.Connection.PluginsDir, bundle + ".bundle", "Contents", "Code", "__init__.py");

    /// <summary>PUTs a refresh of each item and waits until the queue is idle.</summary>
    public async Task RefreshAsync(params string[] ratingKeys)
    {
        foreach (var rk in ratingKeys)
        {
            using var response = await Http.PutAsync($"/library/metadata/{rk}/refresh", null, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        await WaitIdleAsync();
    }

    public async Task RefreshSectionAsync(int section, string? path = null)
    {
        var url = $"/library/sections/{section}/refresh" + (path is null ? "" : "?path=" + Uri.EscapeDataString(path));
        using var response = await Http.GetAsync(url, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        await WaitIdleAsync();
    }

    public async Task RestartPluginAsync(string identifier)
    {
        using var response = await Http.GetAsync($"/:/plugins/{identifier}/restart", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public Task WaitIdleAsync() => Host.Refreshes.WhenIdleAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        if (_ownedDir is not null)
        {
            try
            {
                Directory.Delete(_ownedDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
