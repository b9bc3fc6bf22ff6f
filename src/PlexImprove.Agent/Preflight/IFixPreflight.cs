namespace PlexImprove.Agent.Preflight;

/// <summary>
/// Runs a fix before it reaches Plex: the patch on a scratch copy of the bundle, the agent's search and update on
/// failing items, on the same sites or network as the run. Never writes to the Plug-ins folder.
/// </summary>
public interface IFixPreflight
{
    /// <summary>How many failing items one pre-flight runs at most.</summary>
    int MaxItems { get; }

    /// <summary>Runs the fix's patched agent on the request's items and counts how many now match with metadata.</summary>
    Task<PreflightResult> RunAsync(PreflightRequest request, CancellationToken cancellationToken);
}
