using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PlexImprove.Sandbox.Hosting;
using PlexImprove.Sandbox.Providers;

namespace PlexImprove.Sandbox.Tests.Providers;

/// <summary>The fixture bundles served by a real provider on a loopback port, with a client for it.</summary>
internal sealed class RunningProvider : IAsyncDisposable
{
    private RunningProvider(ProviderFixtureBundles bundles, ProviderHost host, StringWriter journal)
    {
        Bundles = bundles;
        Host = host;
        Journal = journal;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Server.Port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public ProviderFixtureBundles Bundles { get; }

    public ProviderHost Host { get; }

    public StringWriter Journal { get; }

    public HttpClient Http { get; }

    public static async Task<RunningProvider> StartAsync(string? token = null, ProviderFixtureBundles? bundles = null)
    {
        bundles ??= new ProviderFixtureBundles();
        var journal = new StringWriter();
        var options = new ProviderOptions
        {
            PluginsDir = bundles.PluginsDir, LogsDir = bundles.LogsDir, Port = 0, Token = token, Network = SandboxNetwork.Fake,
            Journal = TextWriter.Synchronized(journal),
        };
        var host = await ProviderHost.StartAsync(options, await TestPython.RuntimeAsync(TestContext.Current.CancellationToken), TimeProvider.System, TestContext.Current.CancellationToken);
        return new RunningProvider(bundles, host, journal);
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> MatchAsync(string agent, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{agent}/library/metadata/matches") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await SendAsync(request);
    }

    private async Task<(HttpStatusCode, JsonNode?)> SendAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        Bundles.Dispose();
    }
}
