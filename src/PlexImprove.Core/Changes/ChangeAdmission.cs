namespace PlexImprove.Core.Changes;

/// <summary>
/// The whole-change rules a change must pass before it is gated and written, the same for <c>apply</c>, the
/// <c>apply_patch</c> tool and the loop: one bundle per fix, and no network host the agent never used unless a person
/// approved it by name.
/// </summary>
public sealed class ChangeAdmission
{
    /// <summary>No rule: every change is admitted (the engine's own tests, callers that checked before).</summary>
    public static ChangeAdmission None { get; } = new();

    /// <summary>
    /// Refuse a patch whose files lie in several bundles. A fix is restarted and tested as one agent, backed up,
    /// logged and rolled back as one; a patch over two agents would be judged by one and undone for both. The
    /// byte-identical copies of <see cref="ChangeRequest.AllCopies"/> are the one exception: they are the same change.
    /// </summary>
    public bool OneBundlePerFix { get; init; }

    /// <summary>Finds new network hosts; null: not checked.</summary>
    public INetworkHostReview? NewHosts { get; init; }

    /// <summary>How the caller approves a new host, for the refusal (for example <c>--allow-host HOST</c>).</summary>
    public string HowToApprove { get; init; } = "approve each host by name";
}
