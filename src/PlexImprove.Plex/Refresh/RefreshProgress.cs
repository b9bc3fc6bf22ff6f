namespace PlexImprove.Plex.Refresh;

/// <summary>Progress of a refresh batch: items done out of the total, and the last item finished.</summary>
public sealed record RefreshProgress(int Done, int Total, ItemRefreshResult Last);
