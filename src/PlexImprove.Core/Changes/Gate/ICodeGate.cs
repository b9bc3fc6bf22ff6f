namespace PlexImprove.Core.Changes.Gate;

/// <summary>
/// Checks agent sources the way Plex would load them: a Python 2.7 compile and the rules of Plex's
/// RestrictedPython loader. Implemented outside Core (it runs an interpreter); Core only compares results.
/// </summary>
public interface ICodeGate
{
    /// <summary>Checks every source; the answer has one result per source, in the same order.</summary>
    Task<IReadOnlyList<GateFileResult>> CheckAsync(IReadOnlyList<GateSource> sources, GateChecks checks, CancellationToken cancellationToken = default);
}
