using System.Text;
using System.Text.Json;

namespace PlexImprove.Core.Changes.Patches;

/// <summary>
/// Reads search/replace edits, in either of two forms:
/// JSON <c>{"edits": [{"file": "X.bundle/Contents/Code/utils.py", "search": "old", "replace": "new"}]}</c>
/// (or a bare array), or blocks, each preceded by the file's path on its own line:
/// <code>
/// X.bundle/Contents/Code/utils.py
/// &lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH
/// old lines
/// =======
/// new lines
/// &gt;&gt;&gt;&gt;&gt;&gt;&gt; REPLACE
/// </code>
/// Blocks are read as bytes, so they can carry the file's own encoding.
/// </summary>
public static class SearchReplaceParser
{
    private static readonly byte[] s_search = "<<<<<<< SEARCH"u8.ToArray();
    private static readonly byte[] s_divider = "======="u8.ToArray();
    private static readonly byte[] s_replace = ">>>>>>> REPLACE"u8.ToArray();

    /// <summary>True when the bytes hold search/replace blocks.</summary>
    public static bool LooksLikeBlocks(ReadOnlySpan<byte> patch) => patch.IndexOf(s_search) >= 0;

    /// <summary>True when the bytes hold JSON edits.</summary>
    public static bool LooksLikeJson(ReadOnlySpan<byte> patch)
    {
        var trimmed = patch.TrimStart(" \t\r\n"u8);
        if (trimmed.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            trimmed = trimmed[3..].TrimStart(" \t\r\n"u8);
        }

        return trimmed.Length > 0 && trimmed[0] is (byte)'{' or (byte)'[';
    }

    /// <summary>Parses JSON edits.</summary>
    public static PatchDocument ParseJson(ReadOnlyMemory<byte> patch)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(patch, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new PatchFormatException($"The search/replace JSON cannot be read: {e.Message}");
        }

        using (document)
        {
            var edits = document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement
                : document.RootElement.TryGetProperty("edits", out var e) ? e : default;
            if (edits.ValueKind != JsonValueKind.Array)
            {
                throw new PatchFormatException("Search/replace JSON must be an array of edits or an object with an \"edits\" array.");
            }

            var byFile = new Dictionary<string, List<SearchReplaceEdit>>(StringComparer.Ordinal);
            var order = new List<string>();
            var index = 0;
            foreach (var edit in edits.EnumerateArray())
            {
                index++;
                var file = String(edit, "file", index) ?? String(edit, "path", index)
                    ?? throw new PatchFormatException($"Edit {index} has no \"file\".");
                var search = String(edit, "search", index) ?? throw new PatchFormatException($"Edit {index} has no \"search\" text.");
                var replace = String(edit, "replace", index) ?? throw new PatchFormatException($"Edit {index} has no \"replace\" text.");
                Add(byFile, order, file, Encoding.UTF8.GetBytes(search), Encoding.UTF8.GetBytes(replace));
            }

            return Build(byFile, order);
        }
    }

    /// <summary>Parses search/replace blocks.</summary>
    public static PatchDocument ParseBlocks(ReadOnlyMemory<byte> patch)
    {
        var lines = TextLines.Split(patch);
        var byFile = new Dictionary<string, List<SearchReplaceEdit>>(StringComparer.Ordinal);
        var order = new List<string>();
        string? file = null;
        var i = 0;
        while (i < lines.Count)
        {
            var content = lines[i].Content.Span;
            if (content.SequenceEqual(s_search))
            {
                if (file is null)
                {
                    throw new PatchFormatException($"The SEARCH block at line {i + 1} has no file path on the line before it.");
                }

                var searchStart = i + 1;
                var divider = Find(lines, searchStart, s_divider)
                    ?? throw new PatchFormatException($"The SEARCH block at line {i + 1} has no '=======' line.");
                var end = Find(lines, divider + 1, s_replace)
                    ?? throw new PatchFormatException($"The SEARCH block at line {i + 1} has no '>>>>>>> REPLACE' line.");
                Add(byFile, order, file, Slice(lines, searchStart, divider), Slice(lines, divider + 1, end));
                i = end + 1;
                continue;
            }

            var text = Encoding.UTF8.GetString(content).Trim();
            if (text.Length > 0 && !text.StartsWith("```", StringComparison.Ordinal))
            {
                file = text;
            }

            i++;
        }

        if (order.Count == 0)
        {
            throw new PatchFormatException("No '<<<<<<< SEARCH' block was found.");
        }

        return Build(byFile, order);
    }

    private static int? Find(List<TextLine> lines, int from, byte[] marker)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (lines[i].Content.Span.SequenceEqual(marker))
            {
                return i;
            }
        }

        return null;
    }

    private static byte[] Slice(List<TextLine> lines, int from, int to) => TextLines.Join(lines.Skip(from).Take(to - from));

    private static string? String(JsonElement edit, string name, int index)
    {
        if (!edit.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new PatchFormatException($"Edit {index}: \"{name}\" must be a string.");
    }

    private static void Add(Dictionary<string, List<SearchReplaceEdit>> byFile, List<string> order, string file, byte[] search, byte[] replace)
    {
        if (search.Length == 0)
        {
            throw new PatchFormatException($"An edit of '{file}' has an empty search text; quote the lines to replace.");
        }

        if (!byFile.TryGetValue(file, out var list))
        {
            byFile[file] = list = [];
            order.Add(file);
        }

        list.Add(new SearchReplaceEdit { Search = search, Replace = replace, Number = list.Count + 1 });
    }

    private static PatchDocument Build(Dictionary<string, List<SearchReplaceEdit>> byFile, List<string> order) => new()
    {
        Format = PatchFormat.SearchReplace,
        Files = [.. order.Select(f => new FilePatch { Path = f, Edits = byFile[f] })],
    };
}
