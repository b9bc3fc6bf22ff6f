namespace PlexImprove.Agent.Research;

/// <summary>The phases and commands that may use research tools, and the default set.</summary>
public static class ResearchPhases
{
    /// <summary>Phase 2 (<c>diagnose</c> and the loop's diagnosis).</summary>
    public const string Diagnose = "diagnose";

    /// <summary>The <c>chat</c> command.</summary>
    public const string Chat = "chat";

    /// <summary>Phase 5, the post-mortem.</summary>
    public const string PostMortem = "postmortem";

    public static IReadOnlyList<string> All { get; } = [Diagnose, Chat, PostMortem];

    /// <summary>Used when a server names no phases: the design's research phase and the conversation.</summary>
    public static IReadOnlyList<string> Default { get; } = [Diagnose, Chat];
}
