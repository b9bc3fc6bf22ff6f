namespace PlexImprove.Core.Changes.Patches;

/// <summary>
/// Applies one file's patch to its bytes, in memory. Untouched lines are copied byte for byte (their own
/// line endings, any encoding); added lines get the file's dominant line ending, so a CRLF file stays CRLF.
/// </summary>
public static class PatchApplier
{
    /// <summary>Returns the new bytes of <paramref name="displayPath"/>.</summary>
    /// <exception cref="PatchRejectedException">The patch does not fit the file; the message names the first differing line or how often the search text occurs.</exception>
    public static byte[] Apply(FilePatch patch, ReadOnlyMemory<byte> original, string displayPath)
    {
        var result = original.ToArray();
        if (patch.Hunks.Count > 0)
        {
            result = ApplyHunks(patch.Hunks, result, displayPath);
        }

        foreach (var edit in patch.Edits)
        {
            result = ApplyEdit(edit, result, displayPath);
        }

        return result;
    }

    private static byte[] ApplyHunks(IReadOnlyList<DiffHunk> hunks, byte[] original, string displayPath)
    {
        var lines = TextLines.Split(original);
        var ending = TextLines.DominantEnding(lines);
        var output = new List<TextLine>(lines.Count + 16);
        var next = 0; // first file line not yet copied
        var shift = 0;
        foreach (var hunk in hunks)
        {
            var expected = hunk.Lines.Where(l => l.Kind != DiffLineKind.Added).Select(l => l.Content).ToList();
            var hint = Math.Max(hunk.OldCount == 0 ? hunk.OldStart : hunk.OldStart - 1, 0) + shift;
            var at = Locate(lines, expected, hint, next);
            if (at < 0)
            {
                throw new PatchRejectedException(Mismatch(lines, expected, Math.Clamp(hint, next, lines.Count), hunk, displayPath));
            }

            shift = at - Math.Max(hunk.OldCount == 0 ? hunk.OldStart : hunk.OldStart - 1, 0);
            output.AddRange(lines.Skip(next).Take(at - next));
            var position = at;
            foreach (var line in hunk.Lines)
            {
                switch (line.Kind)
                {
                    case DiffLineKind.Context:
                        output.Add(lines[position++]);
                        break;
                    case DiffLineKind.Removed:
                        position++;
                        break;
                    default:
                        output.Add(new TextLine(line.Content, line.NoNewlineAtEnd ? ReadOnlyMemory<byte>.Empty : ending));
                        break;
                }
            }

            next = position;
        }

        output.AddRange(lines.Skip(next));

        // A line that lost its place as the last line needs an ending now.
        for (var i = 0; i < output.Count - 1; i++)
        {
            if (output[i].Ending.IsEmpty)
            {
                output[i] = output[i] with { Ending = ending };
            }
        }

        return TextLines.Join(output);
    }

    /// <summary>Where the hunk's old lines match exactly: at the hinted line, else the nearest match after the previous hunk.</summary>
    private static int Locate(List<TextLine> lines, List<ReadOnlyMemory<byte>> expected, int hint, int from)
    {
        if (expected.Count == 0)
        {
            return hint >= from && hint <= lines.Count ? hint : -1;
        }

        if (hint >= from && Matches(lines, expected, hint))
        {
            return hint;
        }

        var best = -1;
        for (var start = from; start + expected.Count <= lines.Count; start++)
        {
            if (Matches(lines, expected, start) && (best < 0 || Math.Abs(start - hint) < Math.Abs(best - hint)))
            {
                best = start;
            }
        }

        return best;
    }

    private static bool Matches(List<TextLine> lines, List<ReadOnlyMemory<byte>> expected, int start)
    {
        if (start < 0 || start + expected.Count > lines.Count)
        {
            return false;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            if (!lines[start + i].Content.Span.SequenceEqual(StripCr(expected[i].Span)))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<byte> StripCr(ReadOnlySpan<byte> content) =>
        content.Length > 0 && content[^1] == (byte)'\r' ? content[..^1] : content;

    private static string Mismatch(List<TextLine> lines, List<ReadOnlyMemory<byte>> expected, int at, DiffHunk hunk, string displayPath)
    {
        for (var i = 0; i < expected.Count; i++)
        {
            var lineNumber = at + i + 1;
            if (at + i >= lines.Count)
            {
                return $"Hunk {hunk.Number} of '{displayPath}' does not apply: the patch expects line {lineNumber} to be " +
                       $"\"{TextLines.Show(expected[i].Span)}\" but the file has only {lines.Count} lines, and the hunk's lines match nowhere else. No file was changed.";
            }

            if (!lines[at + i].Content.Span.SequenceEqual(StripCr(expected[i].Span)))
            {
                return $"Hunk {hunk.Number} of '{displayPath}' does not apply: line {lineNumber} of the file is " +
                       $"\"{TextLines.Show(lines[at + i].Content.Span)}\" but the patch expects \"{TextLines.Show(expected[i].Span)}\" " +
                       "(context must match exactly, and it matches nowhere else either). No file was changed.";
            }
        }

        return $"Hunk {hunk.Number} of '{displayPath}' does not apply at line {at + 1}. No file was changed.";
    }

    private static byte[] ApplyEdit(SearchReplaceEdit edit, byte[] content, string displayPath)
    {
        var search = edit.Search;
        var replace = edit.Replace;
        var count = Count(content, search.Span);
        if (count == 0)
        {
            // The edit may have been written with other line endings than the file uses.
            var ending = TextLines.DominantEnding(TextLines.Split(content));
            var adaptedSearch = WithEnding(search.Span, ending.Span);
            if (!adaptedSearch.AsSpan().SequenceEqual(search.Span))
            {
                var adaptedCount = Count(content, adaptedSearch);
                if (adaptedCount > 0)
                {
                    count = adaptedCount;
                    search = adaptedSearch;
                    replace = WithEnding(replace.Span, ending.Span);
                }
            }
        }

        if (count != 1)
        {
            var firstLine = TextLines.Show(TextLines.Split(search).FirstOrDefault().Content.Span);
            throw new PatchRejectedException(count == 0
                ? $"Edit {edit.Number} of '{displayPath}': the search text (starting \"{firstLine}\") occurs 0 times; it must occur exactly once. " +
                  "Copy the lines exactly as they are in the file. No file was changed."
                : $"Edit {edit.Number} of '{displayPath}': the search text (starting \"{firstLine}\") occurs {count} times; it must occur exactly once. " +
                  "Add surrounding lines to make it unique. No file was changed.");
        }

        var at = content.AsSpan().IndexOf(search.Span);
        var result = new byte[content.Length - search.Length + replace.Length];
        content.AsSpan(0, at).CopyTo(result);
        replace.Span.CopyTo(result.AsSpan(at));
        content.AsSpan(at + search.Length).CopyTo(result.AsSpan(at + replace.Length));
        return result;
    }

    private static int Count(ReadOnlySpan<byte> content, ReadOnlySpan<byte> search)
    {
        var count = 0;
        var offset = 0;
        while (offset <= content.Length - search.Length)
        {
            var found = content[offset..].IndexOf(search);
            if (found < 0)
            {
                break;
            }

            count++;
            offset += found + search.Length;
        }

        return count;
    }

    private static byte[] WithEnding(ReadOnlySpan<byte> text, ReadOnlySpan<byte> ending)
    {
        var lines = TextLines.Split(text.ToArray());
        var newEnding = ending.ToArray();
        return TextLines.Join(lines.Select(l => l.Ending.IsEmpty ? l : l with { Ending = newEnding }));
    }
}
