namespace PlexImprove.Cli.Hosting;

/// <summary>The MCP server (<c>mcp</c>).</summary>
public sealed class McpSettings
{
    /// <summary>Let clients run the writers (apply_patch, rollback_fix, restart_plex, plex_refresh_items). Default false; <c>--allow-writes</c> also sets it.</summary>
    public bool AllowWrites { get; init; }
}
