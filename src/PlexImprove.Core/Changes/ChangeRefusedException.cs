using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes;

/// <summary>A change broke a whole-change rule (<see cref="ChangeAdmission"/>) and was not applied; nothing was written.</summary>
public sealed class ChangeRefusedException : PlexImproveException
{
    public ChangeRefusedException(string message)
        : base(message)
    {
    }

    public override FailureKind Kind => FailureKind.WorkFailed;
}
