using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using PlexImprove.Core.Http;
using PlexImprove.Sandbox.Emulator;

namespace PlexImprove.Sandbox.Providers;

/// <summary>
/// The HTTP face of the providers: <c>/&lt;agent&gt;</c> (MediaProvider), <c>/&lt;agent&gt;/library/metadata/matches</c>,
/// <c>/&lt;agent&gt;/library/metadata/{ratingKey}</c> (and <c>/children</c>, <c>/grandchildren</c>, <c>/images</c>), <c>/</c> (the list),
/// and <c>/:/plugins/{identifier}/restart</c>. With a token, every request must carry it; it is never written anywhere.
/// </summary>
public sealed class ProviderServer : IAsyncDisposable
{
    private const int MaxBodyBytes = 64 * 1024;
    private const string TokenHeader = "X-Provider-Token";
    private readonly WebApplication _app;
    private readonly ProviderService _service;
    private readonly byte[]? _token;
    private readonly TextWriter? _journal;

    private ProviderServer(WebApplication app, ProviderService service, string? token, TextWriter? journal)
    {
        _app = app;
        _service = service;
        _token = token is null ? null : Encoding.UTF8.GetBytes(token);
        _journal = journal;
    }

    public int Port { get; private set; }

    public static async Task<ProviderServer> StartAsync(ProviderService service, IPAddress address, int port, string? token, TextWriter? journal, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(address, port);
            o.Limits.MaxRequestBodySize = MaxBodyBytes;
            o.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new ProviderServer(app, service, token, journal);
        if (token is null)
        {
            // Without a token it listens on loopback only; a web page that rebinds its DNS name to 127.0.0.1 must
            // still not drive the agents or restart them.
            app.Use(new HostOriginCheck(address, [], "unless the providers listen elsewhere with a token").InvokeAsync);
        }

        app.Use(server.GuardAsync);

        // Routing after the guard, so a path it stripped of the token is the path routed.
        app.UseRouting();
        server.Map(app);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new SandboxPortInUseException(port, e);
        }

        server.Port = new Uri(app.Urls.First().Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
        return server;
    }

    /// <summary>Checks the token (and strips it from the path), then journals the call and turns refusals into statuses.</summary>
    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        if (_token is not null && !Authorized(context))
        {
            // A wrong token may be a near miss of the right one: it is not journaled either.
            context.Request.Path = MaskedPath(context.Request.Path.Value ?? "");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = "This provider needs its token: add it as http://HOST:PORT/k/TOKEN/AGENT." }, context.RequestAborted).ConfigureAwait(false);
            Journal(context, started);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ProviderRequestException e)
        {
            context.Response.StatusCode = e.StatusCode;
            await context.Response.WriteAsJsonAsync(new { error = e.Message }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            context.Response.StatusCode = e.StatusCode;
            await context.Response.WriteAsJsonAsync(new { error = e.Message }, context.RequestAborted).ConfigureAwait(false);
        }

        Journal(context, started);
    }

    private bool Authorized(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/k/", StringComparison.Ordinal))
        {
            var end = path.IndexOf('/', 3);
            var given = end < 0 ? path[3..] : path[3..end];
            if (Matches(given))
            {
                context.Request.Path = end < 0 ? "/" : path[end..];
                return true;
            }

            return false;
        }

        return context.Request.Headers[TokenHeader].ToString() is { Length: > 0 } header && Matches(header);
    }

    private static string MaskedPath(string path)
    {
        if (!path.StartsWith("/k/", StringComparison.Ordinal))
        {
            return path;
        }

        var end = path.IndexOf('/', 3);
        return "/k/***" + (end < 0 ? "" : path[end..]);
    }

    private bool Matches(string given) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token);

    private void Journal(HttpContext context, long started)
    {
        // The path after the token was stripped; no query string, no headers: nothing secret is written.
        _journal?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{context.Request.Method} {context.Request.Path} {context.Response.StatusCode} {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms"));
    }

    private void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", context => WriteAsync(context, new JsonObject
        {
            ["providers"] = new JsonArray([.. _service.Catalog.Agents.Select(a => (JsonNode)new JsonObject
            {
                ["path"] = "/" + a.ShortName, ["identifier"] = a.Identifier, ["title"] = a.Title, ["bundle"] = a.Bundle.Identifier, ["kind"] = a.Kind,
            })]),
            ["skipped"] = new JsonArray([.. _service.Catalog.Skipped.Select(s => (JsonNode)s)]),
        }));
        routes.MapGet("/{agent}", context => WriteAsync(context, ProviderService.Root(Agent(context))));
        routes.MapPost("/{agent}/library/metadata/matches", async context =>
        {
            var agent = Agent(context);
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            await WriteAsync(context, await _service.MatchAsync(agent, body, Language(context), context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
        });
        routes.MapGet("/{agent}/library/metadata/{ratingKey}", async context =>
            await WriteAsync(context, await _service.MetadataAsync(Agent(context), RatingKey(context), Language(context), context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false));
        routes.MapGet("/{agent}/library/metadata/{ratingKey}/images", async context =>
            await WriteAsync(context, await _service.ImagesAsync(Agent(context), RatingKey(context), Language(context), context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false));
        routes.MapGet("/{agent}/library/metadata/{ratingKey}/children", context => ChildrenAsync(context, grandchildren: false));
        routes.MapGet("/{agent}/library/metadata/{ratingKey}/grandchildren", context => ChildrenAsync(context, grandchildren: true));
        routes.MapMethods("/:/plugins/{identifier}/restart", ["GET", "POST", "PUT"], async context =>
        {
            await _service.RestartAsync((string)context.GetRouteValue("identifier")!, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
    }

    private async Task ChildrenAsync(HttpContext context, bool grandchildren)
    {
        var start = Paging(context, "X-Plex-Container-Start") ?? 0;
        var size = Paging(context, "X-Plex-Container-Size") ?? ProviderService.DefaultPageSize;
        var answer = await _service.ChildrenAsync(Agent(context), RatingKey(context), grandchildren, start, size, Language(context), context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, answer).ConfigureAwait(false);
    }

    private ProviderAgent Agent(HttpContext context)
    {
        var name = (string)context.GetRouteValue("agent")!;
        return _service.Catalog.Find(name) ?? throw ProviderRequestException.NotFound($"No provider is served at '/{name}'; GET / lists them.");
    }

    private static string RatingKey(HttpContext context) => (string)context.GetRouteValue("ratingKey")!;

    /// <summary>The Framework's two-letter language from <c>X-Plex-Language</c> (<c>de-DE</c> → <c>de</c>); English when none.</summary>
    internal static string Language(HttpContext context)
    {
        var value = Header(context, "X-Plex-Language");
        var primary = value.Split('-', '_')[0].Trim().ToLowerInvariant();
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) ? primary : "en";
    }

    private static int? Paging(HttpContext context, string name)
    {
        var value = Header(context, name);
        if (value.Length == 0)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100_000
            ? n
            : throw ProviderRequestException.BadRequest($"{name} must be a whole number from 0 to 100000, not '{value}'.");
    }

    private static string Header(HttpContext context, string name)
    {
        var value = context.Request.Headers[name].ToString();
        return value.Length > 0 ? value : context.Request.Query[name].ToString();
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, JsonObject answer)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
