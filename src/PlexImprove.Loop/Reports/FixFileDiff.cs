namespace PlexImprove.Loop.Reports;

/// <summary>One file a fix changed: its unified diff, or why none can be shown.</summary>
public sealed record FixFileDiff(string Path, string? Diff, string? Unavailable);
