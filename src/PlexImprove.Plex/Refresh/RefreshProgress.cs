namespace PlexImprove.Plex.Refresh;

/// <summary>
/// Progress of a refresh batch: items done out of the total, the last item finished, and how many items Plex is still
/// working on (requested, not yet finished), so a slow site shows as refreshes in flight rather than a stalled count.
/// </summary>
public sealed record RefreshProgress(int Done, int Total, ItemRefreshResult Last, int InFlight = 0);
