namespace PlexImprove.Core.Changes.Patches;

/// <summary>Replace the one occurrence of <see cref="Search"/> by <see cref="Replace"/> (both as exact bytes).</summary>
public sealed class SearchReplaceEdit
{
    public required ReadOnlyMemory<byte> Search { get; init; }

    public required ReadOnlyMemory<byte> Replace { get; init; }

    /// <summary>1-based number of the edit within its file, for messages.</summary>
    public required int Number { get; init; }
}
