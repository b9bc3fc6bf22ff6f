namespace PlexImprove.Core.Changes.Patches;

/// <summary>The role of a line in a unified-diff hunk.</summary>
public enum DiffLineKind
{
    /// <summary>A line that must match and stays (<c>' '</c>).</summary>
    Context,

    /// <summary>A line that must match and goes (<c>'-'</c>).</summary>
    Removed,

    /// <summary>A line that comes in (<c>'+'</c>).</summary>
    Added,
}
