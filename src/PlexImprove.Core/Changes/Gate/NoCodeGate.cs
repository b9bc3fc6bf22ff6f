namespace PlexImprove.Core.Changes.Gate;

/// <summary>A gate that finds nothing: a rollback restores verified backups and checks no code, so it needs no interpreter.</summary>
internal sealed class NoCodeGate : ICodeGate
{
    public static readonly NoCodeGate Instance = new();

    public Task<IReadOnlyList<GateFileResult>> CheckAsync(IReadOnlyList<GateSource> sources, GateChecks checks, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<GateFileResult>>([.. sources.Select(s => new GateFileResult { File = s.Name, Parsed = true })]);
}
