using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PlexImprove.Mcp.Hosting;

/// <summary>Lets a request through only with <c>Authorization: Bearer &lt;MCP_TOKEN&gt;</c>, compared in constant time.</summary>
public sealed class BearerTokenCheck
{
    private readonly byte[] _expected;

    public BearerTokenCheck(string token) => _expected = Encoding.UTF8.GetBytes(token);

    public bool IsAuthorized(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        const string prefix = "Bearer ";
        if (header is null || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given = Encoding.UTF8.GetBytes(header[prefix.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }

    /// <summary>Middleware: 401 with a plain explanation (never echoing the token) when the check fails.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (IsAuthorized(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsync("Missing or wrong bearer token: send 'Authorization: Bearer <MCP_TOKEN>'.\n").ConfigureAwait(false);
    }
}
