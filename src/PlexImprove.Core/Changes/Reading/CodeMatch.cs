namespace PlexImprove.Core.Changes.Reading;

/// <summary>One line that matched a code search.</summary>
/// <param name="Path">Relative to the Plug-ins root.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Text">The line (trimmed to 300 characters).</param>
public sealed record CodeMatch(string Path, int Line, string Text);
