using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes.Files;

/// <summary>A path points outside the Plug-ins root (<c>..</c>, another absolute folder, or a symlink leading out). Nothing was read or written.</summary>
public sealed class PathConfinementException : PlexImproveException
{
    public PathConfinementException(string message)
        : base(message)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
