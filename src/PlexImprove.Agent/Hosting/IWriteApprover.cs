namespace PlexImprove.Agent.Hosting;

/// <summary>Decides whether a writer tool (<c>apply_patch</c>, <c>rollback_fix</c>, <c>restart_plex</c>, <c>plex_refresh_items</c>) may run.</summary>
public interface IWriteApprover
{
    /// <summary>Null allows the call; otherwise the reason it is refused (the model reads it).</summary>
    Task<string?> RefusalAsync(WriteRequest request, CancellationToken cancellationToken);
}
