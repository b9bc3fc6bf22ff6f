namespace PlexImprove.Agent.Hosting;

/// <summary>The two fixed approvers: the loop allows writes (its own gate and backups guard them); <c>diagnose</c> never does.</summary>
public static class WritePolicies
{
    /// <summary>Every writer runs (the autonomous loop).</summary>
    public static IWriteApprover AllowAll { get; } = new Fixed(null);

    /// <summary>No writer runs: diagnosis only reads (<c>diagnose</c>).</summary>
    public static IWriteApprover RefuseAll { get; } = new Fixed(
        "this session is read-only (diagnosis never changes agent code or Plex); propose the change in your answer instead");

    private sealed class Fixed(string? refusal) : IWriteApprover
    {
        public Task<string?> RefusalAsync(WriteRequest request, CancellationToken cancellationToken) => Task.FromResult(refusal);
    }
}
