namespace PlexImprove.Agent.Research;

/// <summary>The <c>Research</c> section: the MCP servers whose tools the agent may call, and how much of a result it keeps.</summary>
public sealed class ResearchOptions
{
    /// <summary><c>Research:Servers</c>; empty (the default) attaches nothing.</summary>
    public List<ResearchServerOptions> Servers { get; set; } = [];

    /// <summary>Longest tool result handed to the model, in characters; longer ones are cut with a note. Default 16 000.</summary>
    public int MaxResultChars { get; set; } = 16_000;
}
