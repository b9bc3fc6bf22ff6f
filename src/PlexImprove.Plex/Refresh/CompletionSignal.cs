namespace PlexImprove.Plex.Refresh;

/// <summary>
/// The moment the client learnt that a refresh finished, and from what.
/// <see cref="Timestamp"/> is a <see cref="TimeProvider.GetTimestamp"/> value, for latency measurements.
/// </summary>
public sealed record CompletionSignal(string Source, long Timestamp);
