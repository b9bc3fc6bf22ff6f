namespace PlexImprove.Core.Metrics;

/// <summary>
/// The PGMA outcome banner, <c>(SEARCH|UPDATE):: \*+ &gt;&gt; (Successful!!|Failed) &lt;&lt; \*+</c>, found anywhere
/// in a message (PGMA prefixes it with the agent name).
/// </summary>
internal static class OutcomeFooter
{
    public static bool TryMatch(ReadOnlySpan<byte> message, out SessionKind kind, out bool succeeded)
    {
        kind = SessionKind.Search;
        succeeded = false;
        int at = message.IndexOf(LogText.FooterMark);
        while (at >= 0)
        {
            if (TryMatchAt(message, at, out kind, out succeeded))
            {
                return true;
            }

            int next = message[(at + 4)..].IndexOf(LogText.FooterMark);
            at = next < 0 ? -1 : at + 4 + next;
        }

        return false;
    }

    private static bool TryMatchAt(ReadOnlySpan<byte> message, int colons, out SessionKind kind, out bool succeeded)
    {
        kind = SessionKind.Search;
        succeeded = false;
        if (colons >= 6 && message[(colons - 6)..colons].SequenceEqual("SEARCH"u8))
        {
            kind = SessionKind.Search;
        }
        else if (colons >= 6 && message[(colons - 6)..colons].SequenceEqual("UPDATE"u8))
        {
            kind = SessionKind.Update;
        }
        else
        {
            return false;
        }

        var rest = message[(colons + 3)..];
        int stars = rest.IndexOfAnyExcept((byte)'*');
        if (stars <= 0)
        {
            return false;
        }

        rest = rest[stars..];
        if (rest.StartsWith(" >> Successful!! << *"u8))
        {
            succeeded = true;
            return true;
        }

        return rest.StartsWith(" >> Failed << *"u8);
    }
}
