using System.Globalization;
using System.Text.RegularExpressions;

namespace PlexImprove.Core.Signatures;

/// <summary>
/// Decides whether a record is a failure event and describes it. Runs only for records that already
/// matched a counting rule or were logged at ERROR/CRITICAL, so its string work stays off the hot path.
/// </summary>
internal static partial class FailureEventDescriber
{
    private static readonly string[] ErrorOpenings =
        ["error", "exception", "failed", "failure", "warning", "unable", "cannot", "could not", "can't", "traceback"];

    private static readonly string[] ParseHints =
        ["list index out of range", "has no attribute", "IndexError", "AttributeError", "KeyError", "ValueError",
         "xpath", "XPath", "not well-formed", "NoneType", "ParseError", "unpack"];

    /// <summary>A crash caught by agentkit: "&lt;kind&gt; crashed in &lt;function&gt;: &lt;Type: message&gt;".</summary>
    public static FailureDescription Crash(string sessionKind, string lastTracebackLine, string? innermostFunction)
    {
        var where = innermostFunction is null ? "" : $" in {innermostFunction}";
        var text = $"{sessionKind} crashed{where}: {(lastTracebackLine.Length == 0 ? "(no traceback)" : lastTracebackLine.Trim())}";
        return new FailureDescription(SignatureKind.Exception, SignatureNormalizer.Normalize(StripSymbols(text)));
    }

    /// <summary>
    /// Describes a record that matched a failure counter (<paramref name="kind"/> known) or was logged at
    /// ERROR/CRITICAL (<paramref name="kind"/> null: the text decides). Returns null when the record is not a
    /// failure — a PGMA error pair's <c>File: …, Line: …</c> locator, or text logged at ERROR only because it
    /// contains the word "error".
    /// </summary>
    public static FailureDescription? Describe(SignatureKind? kind, string message, string? lastContinuationLine)
    {
        var content = StripSymbols(PgmaPrefix().Replace(message, "", 1)).Trim();
        var afterTag = PgmaTag().Replace(content, "", 1).TrimStart();
        if (PgmaLocator().IsMatch(afterTag))
        {
            return null;
        }

        if (kind is null)
        {
            if (lastContinuationLine is null && !StartsWithErrorWord(afterTag))
            {
                return null;
            }

            kind = ParseHints.Any(h => content.Contains(h, StringComparison.Ordinal) || (lastContinuationLine?.Contains(h, StringComparison.Ordinal) ?? false))
                ? SignatureKind.Parse
                : SignatureKind.Other;
        }

        var text = lastContinuationLine is null ? content : $"{content} | {lastContinuationLine.Trim()}";
        return new FailureDescription(kind.Value, SignatureNormalizer.Normalize(text));
    }

    /// <summary>
    /// The function of the innermost traceback frame in agent code (<c>File "…", line N, in search</c> →
    /// <c>search</c>): frames inside Plex's Framework.bundle say where the Framework noticed, not where the agent failed.
    /// </summary>
    public static string? InnermostFunction(string continuation)
    {
        string? innermost = null, innermostInAgent = null;
        foreach (Match match in TracebackFrame().Matches(continuation))
        {
            innermost = match.Groups["function"].Value;
            if (!match.Groups["file"].Value.Contains("Framework.bundle", StringComparison.Ordinal))
            {
                innermostInAgent = innermost;
            }
        }

        return innermostInAgent ?? innermost;
    }

    /// <summary>The exception type of a traceback's last line: the text before the first ':', last dotted part.</summary>
    public static string ExceptionType(string lastTracebackLine)
    {
        var head = lastTracebackLine.Trim();
        int colon = head.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            head = head[..colon];
        }

        int dot = head.LastIndexOf('.');
        head = dot >= 0 ? head[(dot + 1)..] : head;
        return head.Length == 0 ? "Unknown" : head.Trim();
    }

    private static bool StartsWithErrorWord(string text) =>
        ErrorOpenings.Any(word => text.StartsWith(word, StringComparison.OrdinalIgnoreCase));

    private static string StripSymbols(string text)
    {
        if (!text.Any(c => char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark))
        {
            return text;
        }

        return new string(text.Where(c => !char.IsSurrogate(c) && char.GetUnicodeCategory(c) is not (UnicodeCategory.OtherSymbol or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark)).ToArray());
    }

    // "AEBN - " / "GayEmpire  - " before a PGMA tag such as "SEARCH::" or "UTILS ::".
    [GeneratedRegex(@"^[^\s-][^-\r\n]{0,59}? +- +(?=[A-Z][A-Z ]{1,20}::)", RegexOptions.CultureInvariant)]
    private static partial Regex PgmaPrefix();

    [GeneratedRegex(@"^[A-Z][A-Z ]{1,20}::", RegexOptions.CultureInvariant)]
    private static partial Regex PgmaTag();

    // The first line of a PGMA error pair only locates the error; the other line of the pair carries it.
    [GeneratedRegex(@"^File: [^,]*, Line: [^,]*, Function: ", RegexOptions.CultureInvariant)]
    private static partial Regex PgmaLocator();

    [GeneratedRegex(@"File ""(?<file>[^""]*)"", line \d+, in (?<function>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex TracebackFrame();
}
