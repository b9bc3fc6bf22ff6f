namespace PlexImprove.Mcp.Tests.TestSupport;

/// <summary>The CLI built beside the tests (the project references it), started as MCP clients start it.</summary>
public static class BuiltCli
{
    public static string Dll() => Path.Combine(AppContext.BaseDirectory, "plex-improve.dll");
}
