namespace PlexImprove.Cli.Hosting;

/// <summary>The MCP server (<c>mcp</c>).</summary>
public sealed class McpSettings
{
    /// <summary>Let clients run the writers (apply_patch, rollback_fix, restart_plex, plex_refresh_items). Default false; <c>--allow-writes</c> also sets it.</summary>
    public bool AllowWrites { get; set; }

    /// <summary>Host names HTTP requests may name in Host and Origin besides loopback and the listening address (a tunnel, a reverse proxy). Default none.</summary>
    public IReadOnlyList<string> AllowedHosts { get; set; } = [];

    /// <summary>HTTP sessions idle this many minutes are closed. Default 10.</summary>
    public int SessionIdleMinutes { get; set; } = 10;

    /// <summary>At most this many idle HTTP sessions are kept, the oldest closed first. Default 100.</summary>
    public int MaxIdleSessions { get; set; } = 100;

    /// <summary>HTTP request bodies above this many bytes are refused (413). Default 1048576 (1 MiB).</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;
}
