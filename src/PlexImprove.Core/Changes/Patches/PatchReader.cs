namespace PlexImprove.Core.Changes.Patches;

/// <summary>Reads a patch in any supported format (unified diff, search/replace JSON, search/replace blocks).</summary>
public static class PatchReader
{
    /// <summary>Detects the format and parses.</summary>
    /// <exception cref="PatchFormatException">No supported format fits.</exception>
    public static PatchDocument Parse(ReadOnlyMemory<byte> patch)
    {
        if (patch.IsEmpty)
        {
            throw new PatchFormatException("The patch is empty.");
        }

        if (SearchReplaceParser.LooksLikeBlocks(patch.Span))
        {
            return SearchReplaceParser.ParseBlocks(patch);
        }

        if (SearchReplaceParser.LooksLikeJson(patch.Span))
        {
            return SearchReplaceParser.ParseJson(patch);
        }

        if (UnifiedDiffParser.LooksLikeUnifiedDiff(patch.Span))
        {
            return UnifiedDiffParser.Parse(patch);
        }

        throw new PatchFormatException(
            "The patch is neither a unified diff ('--- a/file', '+++ b/file', '@@ -1,3 +1,3 @@'), nor search/replace JSON " +
            "({\"edits\": [{\"file\", \"search\", \"replace\"}]}), nor '<<<<<<< SEARCH' / '=======' / '>>>>>>> REPLACE' blocks.");
    }
}
