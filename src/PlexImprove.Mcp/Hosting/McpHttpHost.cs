using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Server;
using PlexImprove.Core.Errors;
using PlexImprove.Mcp.Resources;

using PlexImprove.Core.Http;

namespace PlexImprove.Mcp.Hosting;

/// <summary>
/// Runs the server over Streamable HTTP at <c>http://HOST:PORT/mcp</c>. Requests naming another host in <c>Host</c> or
/// <c>Origin</c> are refused first (DNS rebinding); a bearer token of at least 16 characters is required unless
/// <c>--no-auth</c> is given, which is allowed on a loopback address only. Idle sessions expire; bodies are capped.
/// </summary>
public static class McpHttpHost
{
    /// <summary>Checks the authentication choice before anything listens.</summary>
    public static void Validate(McpHttpEndpoint endpoint, string? bearerToken, bool noAuth)
    {
        if (noAuth && !endpoint.IsLoopback)
        {
            throw new InvalidInputException($"--no-auth is allowed on a loopback address only (127.0.0.1 or [::1]), not on {endpoint}; set MCP_TOKEN instead.");
        }

        if (!noAuth && string.IsNullOrWhiteSpace(bearerToken))
        {
            throw new InvalidInputException("The HTTP transport needs a bearer token: set MCP_TOKEN in the environment or in .env (clients send 'Authorization: Bearer <token>'), or pass --no-auth on a loopback address.");
        }

        if (!noAuth && bearerToken!.Trim().Length < McpHttpOptions.MinimumTokenLength)
        {
            throw new InvalidInputException(
                $"MCP_TOKEN is too short to protect the server: use at least {McpHttpOptions.MinimumTokenLength} random characters (for example the output of 'openssl rand -hex 24').");
        }
    }

    private static async Task RunSessionAsync(HttpContext context, McpServer session, CancellationToken cancellationToken)
    {
        var notifier = context.RequestServices.GetRequiredService<ResourceChangeNotifier>();
        notifier.TrackSession(session);
        try
        {
            await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A closed or expired session must not stay in memory (thousands of abandoned sessions would).
            notifier.Forget(session);
        }
    }

    /// <summary>
    /// Serves until <paramref name="cancellationToken"/> fires; <paramref name="listening"/> gets the endpoint's address
    /// once bound. A broken prompt file ends it with its error.
    /// </summary>
    public static async Task RunAsync(
        McpServeOptions options,
        McpHttpEndpoint endpoint,
        string? bearerToken,
        bool noAuth,
        LogLevel minimumLevel,
        Action<Uri> listening,
        CancellationToken cancellationToken)
    {
        Validate(endpoint, bearerToken, noAuth);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        var limits = options.Http;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(endpoint.Address, endpoint.Port);
            k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        });
        builder.Services.AddRoutingCore();

        // A tool call reads its request's RequestAborted through this, so a client that disconnects cancels its calls.
        builder.Services.AddHttpContextAccessor();
        McpStdioHost.ConfigureStderrLogging(builder.Logging, minimumLevel);
        builder.Services.AddPlexImproveMcp(options).WithHttpTransport(http =>
        {
            // The SDK defaults to stateless HTTP, which has no event stream for notifications and cannot ask the user
            // (elicitation). Clients that start with initialize, as all do today, get a session instead.
            http.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
            // Abandoned sessions expire and are bounded in number, so a client opening thousands cannot exhaust memory.
            // Both belong to the stateful mode chosen above, which the SDK marks obsolete for the newest protocol only.
#pragma warning disable MCP9006
            http.IdleTimeout = limits.IdleTimeout;
            http.MaxIdleSessionCount = limits.MaxIdleSessions;
#pragma warning restore MCP9006
            // The session handler is the one place that hands out the session's own server object (pinned SDK 2.4.0).
#pragma warning disable MCPEXP002
            http.RunSessionHandler = RunSessionAsync;
#pragma warning restore MCPEXP002
        });
        await using var app = builder.Build();
        app.Use(new HostOriginCheck(endpoint.Address, limits.AllowedHosts, "unless Mcp:AllowedHosts names more").InvokeAsync);
        if (!noAuth)
        {
            var check = new BearerTokenCheck(bearerToken!);
            app.Use(check.InvokeAsync);
        }

        app.UseRouting();
        app.MapMcp(McpHttpEndpoint.Path);
        app.Services.GetRequiredService<ResourceChangeNotifier>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        listening(new Uri(new Uri(bound ?? $"http://{endpoint}"), McpHttpEndpoint.Path));
        await app.WaitForShutdownOrPromptFailureAsync(options.Prompts, cancellationToken).ConfigureAwait(false);
    }
}
