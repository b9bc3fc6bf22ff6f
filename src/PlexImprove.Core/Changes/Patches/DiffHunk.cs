namespace PlexImprove.Core.Changes.Patches;

/// <summary>One <c>@@ -a,b +c,d @@</c> block of a unified diff.</summary>
public sealed class DiffHunk
{
    /// <summary>1-based line in the old file where the hunk starts (a hint: the context decides).</summary>
    public required int OldStart { get; init; }

    public required int OldCount { get; init; }

    public required int NewStart { get; init; }

    public required int NewCount { get; init; }

    public required IReadOnlyList<DiffLine> Lines { get; init; }

    /// <summary>1-based number of the hunk within its file, for messages.</summary>
    public required int Number { get; init; }
}
