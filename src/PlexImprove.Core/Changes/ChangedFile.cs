namespace PlexImprove.Core.Changes;

/// <summary>A file a change touches (or would touch).</summary>
public sealed class ChangedFile
{
    public required string Path { get; init; }

    public required string Sha256Before { get; init; }

    public required string Sha256After { get; init; }

    public required long SizeBefore { get; init; }

    public required long SizeAfter { get; init; }

    /// <summary>For <c>--all-copies</c>: the patched file this one is a byte-identical copy of.</summary>
    public string? CopyOf { get; init; }

    /// <summary>The change as a unified diff (not repeated for copies).</summary>
    public string? Diff { get; init; }
}
