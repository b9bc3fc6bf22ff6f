namespace PlexImprove.Core.Changes.Patches;

/// <summary>The changes to one file: unified-diff hunks or search/replace edits.</summary>
public sealed class FilePatch
{
    /// <summary>The target, relative to the Plug-ins root (as written in the patch).</summary>
    public required string Path { get; init; }

    public IReadOnlyList<DiffHunk> Hunks { get; init; } = [];

    public IReadOnlyList<SearchReplaceEdit> Edits { get; init; } = [];
}
