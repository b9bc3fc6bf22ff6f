namespace PlexImprove.Core.Changes.Patches;

/// <summary>One hunk line: its role and its bytes without the line ending.</summary>
/// <param name="Kind">Context, removed or added.</param>
/// <param name="Content">The bytes of the line (no <c>\n</c>, no <c>\r</c>).</param>
/// <param name="NoNewlineAtEnd">True when <c>\ No newline at end of file</c> followed it.</param>
public sealed record DiffLine(DiffLineKind Kind, ReadOnlyMemory<byte> Content, bool NoNewlineAtEnd = false);
