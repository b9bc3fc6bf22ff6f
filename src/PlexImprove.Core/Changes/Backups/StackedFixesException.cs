using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes.Backups;

/// <summary>
/// A fix cannot be rolled back alone: later fixes of the same work folder changed its files on top of it, and
/// restoring it would silently discard them. Nothing was restored; roll back with cascade (the later fixes
/// first, newest first) or roll back the later fixes yourself.
/// </summary>
public sealed class StackedFixesException : PlexImproveException
{
    public StackedFixesException(string message, IReadOnlyList<string> laterFixIds)
        : base(message) => LaterFixIds = laterFixIds;

    /// <summary>The later fixes (newest first) that would have to be rolled back first.</summary>
    public IReadOnlyList<string> LaterFixIds { get; }

    /// <summary>The user decides whether the later fixes go too.</summary>
    public override FailureKind Kind => FailureKind.NeedsUser;
}
