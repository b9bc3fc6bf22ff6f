namespace PlexImprove.Core.Metrics;

/// <summary>
/// The phase tag PGMA agents put in their messages (<c>SEARCH::</c>, <c>UPDATE::</c>). An agent that writes one is
/// PGMA-style even when it never reached an outcome footer (it aborted first), so its open sessions are unfinished.
/// </summary>
internal static class PgmaPhaseTag
{
    public static bool Contains(ReadOnlySpan<byte> message) =>
        message.IndexOf("SEARCH::"u8) >= 0 || message.IndexOf("UPDATE::"u8) >= 0;
}
