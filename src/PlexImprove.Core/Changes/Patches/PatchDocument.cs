namespace PlexImprove.Core.Changes.Patches;

/// <summary>A parsed patch: one entry per target file.</summary>
public sealed class PatchDocument
{
    public required PatchFormat Format { get; init; }

    public required IReadOnlyList<FilePatch> Files { get; init; }
}
