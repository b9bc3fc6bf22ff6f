namespace PlexImprove.Core.Changes.Log;

/// <summary>A same-named file in another bundle that <c>--all-copies</c> left alone, and why.</summary>
public sealed class SkippedCopy
{
    public required string Path { get; init; }

    public required string Reason { get; init; }
}
