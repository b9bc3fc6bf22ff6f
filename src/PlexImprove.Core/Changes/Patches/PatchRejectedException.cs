using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes.Patches;

/// <summary>The patch does not fit the file (context differs, search text missing or ambiguous). No file was touched.</summary>
public sealed class PatchRejectedException : PlexImproveException
{
    public PatchRejectedException(string message)
        : base(message)
    {
    }

    public override FailureKind Kind => FailureKind.WorkFailed;
}
