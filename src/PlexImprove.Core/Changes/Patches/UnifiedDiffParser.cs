using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PlexImprove.Core.Changes.Patches;

/// <summary>
/// Reads unified diffs (<c>diff -u</c>, <c>git diff</c>) as bytes, so context lines keep non-UTF-8 bytes.
/// Several files and several hunks per file are allowed; hunk line counts are recomputed from the lines
/// (hand-written patches often get them wrong), and the hunk's start line is only a hint.
/// </summary>
public static partial class UnifiedDiffParser
{
    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")]
    private static partial Regex HunkHeader();

    /// <summary>True when the bytes look like a unified diff.</summary>
    public static bool LooksLikeUnifiedDiff(ReadOnlySpan<byte> patch)
    {
        var text = Encoding.UTF8.GetString(patch[..Math.Min(patch.Length, 64 * 1024)]);
        return text.Contains("\n+++ ", StringComparison.Ordinal) && (text.StartsWith("--- ", StringComparison.Ordinal) || text.Contains("\n--- ", StringComparison.Ordinal))
            && text.Contains("@@ -", StringComparison.Ordinal);
    }

    /// <summary>Parses a unified diff.</summary>
    /// <exception cref="PatchFormatException">The text is not a usable unified diff.</exception>
    public static PatchDocument Parse(ReadOnlyMemory<byte> patch)
    {
        var lines = TextLines.Split(patch).Select(l => l.Content).ToList();
        var files = new List<FilePatch>();
        var i = 0;
        while (i < lines.Count)
        {
            var line = Text(lines[i]);
            if (!line.StartsWith("--- ", StringComparison.Ordinal) || i + 1 >= lines.Count || !Text(lines[i + 1]).StartsWith("+++ ", StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            var oldPath = HeaderPath(line[4..]);
            var newPath = HeaderPath(Text(lines[i + 1])[4..]);
            if (oldPath == "/dev/null" || newPath == "/dev/null")
            {
                throw new PatchFormatException(
                    $"The patch creates or deletes a file ('{(oldPath == "/dev/null" ? newPath : oldPath)}'); only changes to existing files are supported.");
            }

            if (oldPath.StartsWith("a/", StringComparison.Ordinal) && newPath.StartsWith("b/", StringComparison.Ordinal))
            {
                newPath = newPath[2..];
            }

            i += 2;
            var hunks = new List<DiffHunk>();
            while (i < lines.Count)
            {
                var match = HunkHeader().Match(Text(lines[i]));
                if (!match.Success)
                {
                    break;
                }

                i++;
                var hunkLines = new List<DiffLine>();
                while (i < lines.Count)
                {
                    var content = lines[i];
                    var span = content.Span;
                    if (span.Length == 0)
                    {
                        // An empty line inside a hunk is an empty context line whose leading space an editor dropped.
                        if (i + 1 < lines.Count && IsHunkLine(lines[i + 1].Span))
                        {
                            hunkLines.Add(new DiffLine(DiffLineKind.Context, ReadOnlyMemory<byte>.Empty));
                            i++;
                            continue;
                        }

                        break;
                    }

                    if (span[0] == (byte)'\\')
                    {
                        if (hunkLines.Count > 0)
                        {
                            hunkLines[^1] = hunkLines[^1] with { NoNewlineAtEnd = true };
                        }

                        i++;
                        continue;
                    }

                    if (!IsHunkLine(span) || StartsNextFile(lines, i) || span.StartsWith("@@ "u8))
                    {
                        break;
                    }

                    var kind = span[0] switch
                    {
                        (byte)'+' => DiffLineKind.Added,
                        (byte)'-' => DiffLineKind.Removed,
                        _ => DiffLineKind.Context,
                    };
                    hunkLines.Add(new DiffLine(kind, content[1..]));
                    i++;
                }

                if (hunkLines.Count == 0)
                {
                    throw new PatchFormatException($"Hunk {hunks.Count + 1} of '{newPath}' has no lines.");
                }

                hunks.Add(new DiffHunk
                {
                    Number = hunks.Count + 1,
                    OldStart = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                    OldCount = hunkLines.Count(l => l.Kind != DiffLineKind.Added),
                    NewStart = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture),
                    NewCount = hunkLines.Count(l => l.Kind != DiffLineKind.Removed),
                    Lines = hunkLines,
                });
            }

            if (hunks.Count == 0)
            {
                throw new PatchFormatException($"The patch names '{newPath}' but has no '@@ -a,b +c,d @@' hunk for it.");
            }

            files.Add(new FilePatch { Path = newPath, Hunks = hunks });
        }

        if (files.Count == 0)
        {
            throw new PatchFormatException("No '--- old' / '+++ new' file header was found: the patch is not a unified diff.");
        }

        return new PatchDocument { Format = PatchFormat.UnifiedDiff, Files = files };
    }

    private static bool IsHunkLine(ReadOnlySpan<byte> line) =>
        line.Length == 0 || line[0] is (byte)' ' or (byte)'+' or (byte)'-' or (byte)'\\';

    private static bool StartsNextFile(List<ReadOnlyMemory<byte>> lines, int i) =>
        lines[i].Span.StartsWith("--- "u8) && i + 1 < lines.Count && lines[i + 1].Span.StartsWith("+++ "u8);

    private static string HeaderPath(string header)
    {
        var tab = header.IndexOf('\t', StringComparison.Ordinal);
        var path = (tab >= 0 ? header[..tab] : header).Trim();
        if (path.Length > 1 && path[0] == '"' && path[^1] == '"')
        {
            path = path[1..^1];
        }

        return path;
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span).TrimEnd('\r');
}
