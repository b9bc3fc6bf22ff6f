namespace PlexImprove.Mcp.Hosting;

/// <summary>The limits of the Streamable HTTP transport (<c>mcp --http</c>); the defaults suit one machine and a few clients.</summary>
public sealed class McpHttpOptions
{
    /// <summary>The shortest <c>MCP_TOKEN</c> accepted: a guessable token is no protection.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>
    /// Host names (besides <c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c> and the address the server listens on) that
    /// requests may name in <c>Host</c> and <c>Origin</c>, for a tunnel or a reverse proxy. Default: none.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Sessions idle for this long are closed (default 10 minutes).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many idle sessions are kept; the oldest are closed first (default 100).</summary>
    public int MaxIdleSessions { get; init; } = 100;

    /// <summary>A request body larger than this is refused with 413 (default 1 MiB).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;
}
