namespace PlexImprove.Core.Changes;

/// <summary>What a rollback did to one file.</summary>
/// <param name="Path">Relative to the Plug-ins root.</param>
/// <param name="Action"><c>restored</c>, <c>already_original</c> (nothing to do) or <c>forced</c> (changed since the fix, restored with --force).</param>
public sealed record RestoredFile(string Path, string Action);
