namespace PlexImprove.Core.Changes.Log;

/// <summary><c>implementation_log.json</c>: one entry per fix of an iteration.</summary>
public sealed class ImplementationLog
{
    public int SchemaVersion { get; init; } = 1;

    public required int Iteration { get; init; }

    public List<ImplementationLogEntry> Fixes { get; init; } = [];
}
