namespace PlexImprove.Core.Signatures;

/// <summary>
/// Remembers how recent failure texts were described. Logs repeat the same failure text thousands of times
/// (the same match failure, the same traceback), and describing one costs several regular expressions.
/// Bounded: cleared when full, so memory stays flat whatever the input.
/// </summary>
internal sealed class FailureEventCache
{
    private const int Capacity = 8192;

    private readonly Dictionary<string, (SignatureKind Kind, string Template)?> _described = new(StringComparer.Ordinal);

    /// <summary>The event for a non-crash record (see <see cref="FailureEventDescriber.Describe"/>).</summary>
    public FailureEvent? Describe(SignatureKind? kind, string message, string? lastContinuationLine)
    {
        var key = $"{(int?)kind}\u0001{message}\u0001{lastContinuationLine}";
        if (!_described.TryGetValue(key, out var known))
        {
            known = FailureEventDescriber.Describe(kind, message, lastContinuationLine) is { } e ? (e.Kind, e.Template) : null;
            Remember(key, known);
        }

        return known is { } k ? new FailureEvent(k.Kind, k.Template, message) : null;
    }

    /// <summary>The event for an agent crash, keyed by its traceback (the crash message itself varies by item).</summary>
    public FailureEvent Crash(string sessionKind, string traceback, string lastTracebackLine, string example)
    {
        var key = $"crash\u0001{sessionKind}\u0001{traceback}";
        if (!_described.TryGetValue(key, out var known))
        {
            var described = FailureEventDescriber.Crash(sessionKind, lastTracebackLine, traceback.Length == 0 ? null : FailureEventDescriber.InnermostFunction(traceback), example);
            known = (described.Kind, described.Template);
            Remember(key, known);
        }

        return new FailureEvent(known!.Value.Kind, known.Value.Template, example);
    }

    private void Remember(string key, (SignatureKind, string)? value)
    {
        if (_described.Count >= Capacity)
        {
            _described.Clear();
        }

        _described[key] = value;
    }
}
