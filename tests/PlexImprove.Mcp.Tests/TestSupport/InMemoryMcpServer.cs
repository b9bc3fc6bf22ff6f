using System.IO.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PlexImprove.Agent.Prompts;
using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tools;
using PlexImprove.Mcp.Hosting;
using PlexImprove.Mcp.Prompts;
using PlexImprove.Mcp.Resources;
using PlexImprove.Core.Redaction;
using Xunit;

namespace PlexImprove.Mcp.Tests.TestSupport;

/// <summary>
/// The MCP server with the tools, prompts and resources <c>plex-improve mcp</c> serves for a <see cref="McpTestHome"/>,
/// hosted in this process and connected to the SDK's client over two in-memory pipes, as the SDK's own tests do: the
/// whole protocol without starting a process. The process tests keep the CLI's own wiring and stdio covered.
/// </summary>
public sealed class InMemoryMcpServer : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly PageFetcher _fetcher;

    private InMemoryMcpServer(IHost host, PageFetcher fetcher, McpClient client)
    {
        _host = host;
        _fetcher = fetcher;
        Client = client;
    }

    public McpClient Client { get; }

    /// <summary>Starts the server for <paramref name="home"/> and connects a client (options as a client sends them).</summary>
    public static async Task<InMemoryMcpServer> ConnectAsync(McpTestHome home, McpClientOptions? clientOptions = null, bool allowWrites = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var fetcher = new PageFetcher();
        var lessonsFile = Path.Combine(home.Root, "lessons", "lessons_learned.md");
        var redactor = new SecretRedactor([]);
        var options = new McpServeOptions
        {
            Tools = ToolRegistry.Create(new ToolEnvironment
            {
                PluginsDir = home.PluginsDir,
                LogsDir = home.LogsDir,
                WorkDir = home.WorkDir,
                LessonsPath = lessonsFile,
                PythonFactory = TestPython.RuntimeAsync,
                PageFetcher = fetcher,
            }).Tools,
            Prompts = Task.FromResult<IReadOnlyList<McpServerPrompt>>(PhaseMcpPrompt.All(PromptLibrary.Load(Path.Combine(home.Root, "prompts")), lessonsFile, redactor)),
            AllowWrites = allowWrites,
            WorkDir = home.WorkDir,
            LessonsFile = lessonsFile,
            Redactor = redactor,
        };

        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Services.AddPlexImproveMcp(options).WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream());
        var host = builder.Build();

        // As the stdio host does: watch the run folder from the start, not from the first resources request.
        host.Services.GetRequiredService<ResourceChangeNotifier>();
        await host.StartAsync(ct);
        var transport = new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        var client = await McpClient.CreateAsync(transport, clientOptions, cancellationToken: timeout.Token);
        return new InMemoryMcpServer(host, fetcher, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _fetcher.Dispose();
    }
}
