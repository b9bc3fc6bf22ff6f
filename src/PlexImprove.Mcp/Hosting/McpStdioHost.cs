using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlexImprove.Mcp.Resources;

namespace PlexImprove.Mcp.Hosting;

/// <summary>
/// Runs the server over stdio: stdin and stdout carry the protocol and nothing else, so every log line goes to
/// stderr. The caller redirects <see cref="Console.Out"/> to stderr before anything else runs.
/// </summary>
public static class McpStdioHost
{
    /// <summary>Serves until the client closes stdin or <paramref name="cancellationToken"/> fires; a broken prompt file ends it with its error.</summary>
    public static async Task RunAsync(McpServeOptions options, LogLevel minimumLevel, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        ConfigureStderrLogging(builder.Logging, minimumLevel);
        using var client = new StdioClient();
        builder.Services.AddSingleton(client);
        builder.Services.AddPlexImproveMcp(options).WithStreamServerTransport(client.Watch(Console.OpenStandardInput()), Console.OpenStandardOutput());
        using var host = builder.Build();

        // Start watching the run folder now, not at the first resources request, so early changes are seen.
        host.Services.GetRequiredService<ResourceChangeNotifier>();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        await host.WaitForShutdownOrPromptFailureAsync(options.Prompts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Console logging that writes every level to stderr.</summary>
    public static void ConfigureStderrLogging(ILoggingBuilder logging, LogLevel minimumLevel)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(minimumLevel);

        // The SDK logs every failing tool call with its stack trace; the client already got the readable message.
        logging.AddFilter("ModelContextProtocol.Server.McpServer", LogLevel.Critical);
    }
}
