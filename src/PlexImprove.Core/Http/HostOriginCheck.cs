using System.Net;
using Microsoft.AspNetCore.Http;

namespace PlexImprove.Core.Http;

/// <summary>
/// Refuses (403) a request whose <c>Host</c> or <c>Origin</c> names a host this server does not answer to, as the MCP
/// specification asks of HTTP servers (the MCP server and the metadata providers both use it): a web page on another origin, or one that rebinds its DNS name to 127.0.0.1,
/// cannot drive the server, with or without a bearer token. Allowed: <c>localhost</c>, loopback addresses, the
/// address the server listens on and the configured hosts. A request without <c>Origin</c> (any non-browser client) passes
/// on its <c>Host</c> alone.
/// </summary>
public sealed class HostOriginCheck
{
    private readonly HashSet<string> _hosts;
    private readonly string _howToAllowMore;

    /// <param name="listening">The address the server listens on.</param>
    /// <param name="allowedHosts">Further host names (a tunnel, a reverse proxy).</param>
    /// <param name="howToAllowMore">How a user lets other hosts in, said in the refusal (<c>unless Mcp:AllowedHosts names more</c>).</param>
    public HostOriginCheck(IPAddress listening, IEnumerable<string> allowedHosts, string howToAllowMore)
    {
        ArgumentNullException.ThrowIfNull(listening);
        _howToAllowMore = howToAllowMore;
        _hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost" };
        if (!listening.Equals(IPAddress.Any) && !listening.Equals(IPAddress.IPv6Any))
        {
            _hosts.Add(listening.ToString());
        }

        foreach (var host in allowedHosts)
        {
            if (!string.IsNullOrWhiteSpace(host))
            {
                _hosts.Add(host.Trim().Trim('[', ']'));
            }
        }
    }

    /// <summary>Whether a <c>Host</c> header value (<c>name</c> or <c>name:port</c>) names this server.</summary>
    public bool AllowsHost(string? hostHeader)
    {
        if (string.IsNullOrWhiteSpace(hostHeader))
        {
            return false;
        }

        var host = HostString.FromUriComponent(hostHeader.Trim()).Host.Trim('[', ']');
        return IsAllowedName(host);
    }

    /// <summary>Whether an <c>Origin</c> header value is absent or an http(s) origin on an allowed host.</summary>
    public bool AllowsOrigin(string? origin)
    {
        if (origin is null)
        {
            return true;
        }

        return Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
               && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
               && IsAllowedName(uri.IdnHost.Trim('[', ']'));
    }

    /// <summary>Middleware: 403 with the reason, before authentication and before any MCP handling.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var origin = context.Request.Headers.Origin.Count == 0 ? null : context.Request.Headers.Origin.ToString();
        if (AllowsHost(context.Request.Headers.Host.ToString()) && AllowsOrigin(origin))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsync(
            $"Forbidden: the request's Host or Origin is not this server (loopback names only, {_howToAllowMore}).\n").ConfigureAwait(false);
    }

    private bool IsAllowedName(string host) =>
        _hosts.Contains(host) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
