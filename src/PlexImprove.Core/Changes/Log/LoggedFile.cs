namespace PlexImprove.Core.Changes.Log;

/// <summary>A file a fix touches, with its hash before and after.</summary>
public sealed class LoggedFile
{
    public required string Path { get; init; }

    public required string Sha256Before { get; init; }

    public required string Sha256After { get; init; }

    /// <summary>For <c>--all-copies</c>: the patched file this one is a byte-identical copy of.</summary>
    public string? CopyOf { get; init; }
}
