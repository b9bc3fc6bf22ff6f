namespace PlexImprove.Agent.Research;

/// <summary>The transports a research server can use.</summary>
public static class ResearchTransports
{
    /// <summary>The agent starts the server and speaks MCP over its stdin/stdout.</summary>
    public const string Stdio = "stdio";

    /// <summary>The server already runs and answers Streamable HTTP (or SSE) at a URL.</summary>
    public const string Http = "http";
}
