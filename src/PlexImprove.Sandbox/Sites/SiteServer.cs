using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Sites;

/// <summary>
/// Serves every fake metadata site of a scenario from one loopback port, choosing the site by the
/// request's <c>Host</c> header (the shim's HTTP connects here and keeps the real host name). Sites marked
/// down are not served at all: the shim maps them to a closed port, so connections are refused.
/// </summary>
public sealed class SiteServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, FakeSite> _byHost;
    private readonly TimeProvider _time;
    private readonly System.Net.Sockets.Socket _downPort = BindDownPort();

    private SiteServer(WebApplication app, Dictionary<string, FakeSite> byHost, IReadOnlyList<FakeSite> sites, TimeProvider time)
    {
        _app = app;
        _byHost = byHost;
        _time = time;
        Sites = sites;
    }

    public IReadOnlyList<FakeSite> Sites { get; }

    public int Port { get; private set; }

    /// <summary>Host name → loopback port for the shim: served sites on this server, down sites on a closed port.</summary>
    public IReadOnlyDictionary<string, int> SiteMap { get; private set; } = new Dictionary<string, int>();

    public static async Task<SiteServer> StartAsync(Scenario scenario, TimeProvider time, CancellationToken ct)
    {
        var sites = scenario.Manifest.Sites!.Select(s => new FakeSite(s, scenario.Catalogs[s.Name!], scenario.Root, time)).ToList();
        var byHost = new Dictionary<string, FakeSite>(StringComparer.OrdinalIgnoreCase);
        foreach (var site in sites)
        {
            foreach (var host in site.Spec.Hosts!)
            {
                byHost[host] = site;
            }
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new SiteServer(app, byHost, sites, time);
        app.Run(server.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        server.Port = new Uri(app.Urls.First()).Port;
        var closedPort = ((IPEndPoint)server._downPort.LocalEndPoint!).Port;
        server.SiteMap = byHost.ToDictionary(kv => kv.Key.ToLowerInvariant(), kv => kv.Value.Spec.Behaviours.Down ? closedPort : server.Port);
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var host = context.Request.Host.Host;
        if (!_byHost.TryGetValue(host, out var site))
        {
            await WriteAsync(context, 404, "<html><body><h1>404 Not Found</h1><p>Unknown site.</p></body></html>").ConfigureAwait(false);
            return;
        }

        var number = site.CountRequest();
        var behaviours = site.Spec.Behaviours;
        if (behaviours.DelayMs > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(behaviours.DelayMs), _time, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (behaviours.ResetEvery > 0 && number % behaviours.ResetEvery == 0)
        {
            ResetConnection(context);
            return;
        }

        if (behaviours.Challenge)
        {
            context.Response.Headers["cf-mitigated"] = "challenge";
            context.Response.Headers.Server = "cloudflare";
            await WriteAsync(context, 403, ChallengePage).ConfigureAwait(false);
            return;
        }

        if (behaviours.RequireBrowser && !LooksLikeBrowser(context.Request))
        {
            await WriteAsync(context, 403, "<html><head><title>403 Forbidden</title></head><body><h1>Access denied</h1><p>Automated requests are not allowed.</p></body></html>").ConfigureAwait(false);
            return;
        }

        if (site.RateLimit is { } limit && !limit.TryAdmit())
        {
            context.Response.Headers.RetryAfter = behaviours.RateLimit!.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteAsync(context, 429, "<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>").ConfigureAwait(false);
            return;
        }

        if (behaviours.ServerErrorEvery > 0 && number % behaviours.ServerErrorEvery == 0)
        {
            await WriteAsync(context, 503, "<html><body><h1>503 Service Unavailable</h1></body></html>").ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        if (behaviours.MovedPaths?.Any(p => string.Equals(p.TrimEnd('/'), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) == true)
        {
            await WriteAsync(context, 404, "<html><head><title>Page not found</title></head><body><h1>Page not found</h1><p>This page has moved. Start again from the <a href=\"/\">home page</a>.</p></body></html>").ConfigureAwait(false);
            return;
        }

        var matched = site.Match(path);
        if (matched is not { } hit)
        {
            await WriteAsync(context, 404, "<html><body><h1>404 Not Found</h1></body></html>").ConfigureAwait(false);
            return;
        }

        if (hit.Route.Kind == "page")
        {
            await WriteAsync(context, 200, FixtureTemplate.Render(ReadTemplate(site, TemplateFor(hit.Route, behaviours.Layout)), null, null)).ConfigureAwait(false);
            return;
        }

        if (hit.Route.Kind == "search")
        {
            var query = context.Request.Query[hit.Route.Query].ToString();
            var results = site.Catalog.Where(e => CatalogSearch.Matches(query, e.Title)).ToList();
            var searchTemplate = TemplateFor(hit.Route, behaviours.Layout);
            var json = FixtureTemplate.IsJson(searchTemplate);
            var page = FixtureTemplate.Render(ReadTemplate(site, searchTemplate), null, results, json);
            await WriteAsync(context, 200, page, json, behaviours.Charset).ConfigureAwait(false);
            return;
        }

        var entry = site.Catalog.FirstOrDefault(e => string.Equals(e.Id, hit.Id, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            // An API answers a missing record in its own format, as JSON APIs do.
            var api = FixtureTemplate.IsJson(hit.Route.Template!);
            await WriteAsync(context, 404, api ? "{\"error\": \"not found\"}" : "<html><body><h1>404 Not Found</h1><p>No such title.</p></body></html>", api).ConfigureAwait(false);
            return;
        }

        var template = TemplateFor(hit.Route, entry.Layout ?? behaviours.Layout);
        var isJson = FixtureTemplate.IsJson(template);
        await WriteAsync(context, 200, FixtureTemplate.Render(ReadTemplate(site, template), entry, null, isJson), isJson, behaviours.Charset).ConfigureAwait(false);
    }

    /// <summary>What a browser-verification interstitial serves: a page whose script a browser must run before the site answers.</summary>
    private const string ChallengePage =
        "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title><meta name=\"robots\" content=\"noindex,nofollow\"></head>" +
        "<body><div class=\"main-wrapper\" role=\"main\"><h1>Just a moment...</h1><p>Checking if the site connection is secure</p>" +
        "<noscript>Enable JavaScript and cookies to continue</noscript>" +
        "<script src=\"/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1\"></script></div></body></html>";

    /// <summary>Drops the connection with a TCP reset (no linger), as an overloaded proxy or a flaky link does.</summary>
    private static void ResetConnection(HttpContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            socket.LingerState = new System.Net.Sockets.LingerOption(true, 0);
        }

        context.Abort();
    }

    private static string TemplateFor(RouteSpec route, string? layout) =>
        layout is not null && route.Layouts?.TryGetValue(layout, out var alternative) == true ? alternative : route.Template!;

    private static bool LooksLikeBrowser(HttpRequest request) =>
        request.Headers.UserAgent.ToString().Contains("Mozilla/", StringComparison.Ordinal)
        && !string.IsNullOrWhiteSpace(request.Headers.AcceptLanguage.ToString());

    // Templates are read per request so a scenario author can edit fixtures while the sandbox runs.
    private static string ReadTemplate(FakeSite site, string relative) => File.ReadAllText(Path.Combine(site.ScenarioRoot, relative));

    private static async Task WriteAsync(HttpContext context, int status, string body, bool json = false, string? charset = null)
    {
        context.Response.StatusCode = status;
        if (json || charset is null)
        {
            context.Response.ContentType = json ? "application/json; charset=utf-8" : "text/html; charset=utf-8";
            await context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/html; charset=" + charset;
        var bytes = LegacyCharset.Encode(body, charset);
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The port of sites that are down: bound for the sandbox's lifetime but never listening, so connections are
    /// refused and no other program can take the port over while the sandbox runs.
    /// </summary>
    private static System.Net.Sockets.Socket BindDownPort()
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        _downPort.Dispose();
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
