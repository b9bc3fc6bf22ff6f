using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes.Patches;

/// <summary>The patch file cannot be read as a unified diff or as search/replace edits.</summary>
public sealed class PatchFormatException : PlexImproveException
{
    public PatchFormatException(string message)
        : base(message)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
