namespace PlexImprove.Agent.Brains;

/// <summary>A fix the run already tried: its id, the rule or title that produced it, the files it changed and what came of it.</summary>
public sealed record AttemptedFix(string FixId, string Title, IReadOnlyList<string> Agents, string Status, string? PatchHash);
