namespace PlexImprove.Agent.Research;

/// <summary>One server's state, the tools attached and the tools withheld with the reason.</summary>
public sealed record ResearchServerStatus(
    string Name,
    ResearchServerState State,
    string? Detail,
    IReadOnlyList<ResearchTool> Tools,
    IReadOnlyList<(string Tool, string Reason)> Withheld);
