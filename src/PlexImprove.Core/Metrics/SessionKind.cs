namespace PlexImprove.Core.Metrics;

/// <summary>The two agent entry points Plex calls.</summary>
public enum SessionKind
{
    Search,
    Update,
}
