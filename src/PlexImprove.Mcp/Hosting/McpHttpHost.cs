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

namespace PlexImprove.Mcp.Hosting;

/// <summary>
/// Runs the server over Streamable HTTP at <c>http://HOST:PORT/mcp</c>. A bearer token is required unless
/// <c>--no-auth</c> is given, which is allowed on a loopback address only.
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
    }

    private static async Task RunSessionAsync(HttpContext context, McpServer session, CancellationToken cancellationToken)
    {
        context.RequestServices.GetRequiredService<ResourceChangeNotifier>().TrackSession(session);
        await session.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> fires; <paramref name="listening"/> gets the endpoint's address once bound.</summary>
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
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(endpoint.Address, endpoint.Port));
        builder.Services.AddRoutingCore();
        McpStdioHost.ConfigureStderrLogging(builder.Logging, minimumLevel);
        builder.Services.AddPlexImproveMcp(options).WithHttpTransport(http =>
        {
            // The SDK defaults to stateless HTTP, which has no event stream for notifications and cannot ask the user
            // (elicitation). Clients that start with initialize, as all do today, get a session instead.
            http.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
            // The session handler is the one place that hands out the session's own server object (pinned SDK 2.4.0).
#pragma warning disable MCPEXP002
            http.RunSessionHandler = RunSessionAsync;
#pragma warning restore MCPEXP002
        });
        await using var app = builder.Build();
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
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or the host stopping: shut down cleanly below.
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
