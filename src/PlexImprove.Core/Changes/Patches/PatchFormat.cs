namespace PlexImprove.Core.Changes.Patches;

/// <summary>How a patch file is written.</summary>
public enum PatchFormat
{
    /// <summary><c>diff -u</c> / <c>git diff</c> output: <c>---</c>/<c>+++</c> headers and <c>@@</c> hunks.</summary>
    UnifiedDiff,

    /// <summary>Search/replace edits, as JSON or as <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH</c> blocks.</summary>
    SearchReplace,
}
