namespace PlexImprove.Plex.Restart;

/// <summary>One way of restarting Plex without elevated rights.</summary>
public interface IRestartStrategy
{
    RestartMethod Method { get; }

    /// <summary>Tries the restart; a method that is not allowed or not available returns a failed attempt, it does not throw.</summary>
    Task<RestartAttempt> TryRestartAsync(RestartRequest request, CancellationToken cancellationToken = default);
}
