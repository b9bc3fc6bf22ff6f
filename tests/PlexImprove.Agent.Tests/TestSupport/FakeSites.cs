using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PlexImprove.Agent.Tests.TestSupport;

/// <summary>
/// Metadata sites on one loopback Kestrel port, routed by the <c>Host</c> header as the sandbox's are:
/// <c>films.example</c> (403 without a browser User-Agent), <c>busy.example</c> (429 with Retry-After), <c>slow.example</c>
/// (never answers: the client's own time limit ends the request), <c>big.example</c> (a large page), <c>echo.example</c> (shows the request's headers;
/// <c>/redirect?to=URL</c> answers 302 to URL) and <c>intranet.example</c> (a host no agent uses).
/// </summary>
internal sealed class FakeSites : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.OrdinalIgnoreCase);

    private FakeSites(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Seconds <c>busy.example</c> asks to wait in its first answer.</summary>
    public int BusyRetryAfterSeconds { get; set; } = 1;

    /// <summary>Requests each host received.</summary>
    public int Hits(string host) => _hits.GetValueOrDefault(host);

    /// <summary>Every fake host mapped to this server, as the sandbox gives them to the fetcher.</summary>
    public IReadOnlyDictionary<string, Uri> Overrides =>
        new[] { "films.example", "busy.example", "slow.example", "big.example", "echo.example", "intranet.example" }.ToDictionary(h => h, _ => BaseUrl, StringComparer.OrdinalIgnoreCase);

    public static async Task<FakeSites> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var sites = new FakeSites(app);
        app.Run(sites.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        sites.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return sites;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var host = context.Request.Host.Host;
        var hit = _hits.AddOrUpdate(host, 1, (_, n) => n + 1);
        context.Response.ContentType = "text/html; charset=utf-8";
        switch (host.ToLowerInvariant())
        {
            case "films.example":
                if (!context.Request.Headers.UserAgent.ToString().StartsWith("Mozilla/", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = 403;
                    await context.Response.WriteAsync("<html><body><h1>Access denied</h1></body></html>");
                    return;
                }

                await context.Response.WriteAsync(
                    "<html><body><div class=\"results\"><div class=\"film\"><a href=\"/film/1\">Dune</a><span class=\"year\">1984</span></div>" +
                    "<div class=\"film\"><a href=\"/film/2\">Dune: Part Two</a><span class=\"year\">2024</span></div></div></body></html>");
                return;
            case "busy.example":
                if (hit == 1)
                {
                    context.Response.StatusCode = 429;
                    context.Response.Headers.RetryAfter = BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await context.Response.WriteAsync("<html><body>Too many requests</body></html>");
                    return;
                }

                await context.Response.WriteAsync("<html><body><p id=\"ok\">served after waiting</p></body></html>");
                return;
            case "slow.example":
                // Tests end the client's wait on a fake clock; a site that answered late would race that.
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
                return;
            case "big.example":
                await context.Response.WriteAsync("<html><body>" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"<p>row {i}</p>")) + "</body></html>");
                return;
            case "echo.example" when context.Request.Path == "/redirect":
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = context.Request.Query["to"].ToString();
                return;
            case "intranet.example":
                await context.Response.WriteAsync("<html><body>internal</body></html>");
                return;
            case "echo.example":
                var lines = context.Request.Headers.Select(h => $"<li>{WebUtility.HtmlEncode(h.Key)}: {WebUtility.HtmlEncode(h.Value.ToString())}</li>");
                await context.Response.WriteAsync($"<html><body><h1>{host}{context.Request.Path}{context.Request.QueryString}</h1><ul>{string.Concat(lines)}</ul></body></html>");
                return;
            default:
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("no such site");
                return;
        }
    }
}
