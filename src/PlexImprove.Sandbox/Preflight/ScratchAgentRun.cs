namespace PlexImprove.Sandbox.Preflight;

/// <summary>One agent bundle run in a scratch box: whether it loaded, each item's run, and the plug-in log it wrote.</summary>
public sealed record ScratchAgentRun(bool Loaded, string? LoadError, IReadOnlyList<ScratchItemRun> Items, string LogPath);
