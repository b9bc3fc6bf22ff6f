namespace PlexImprove.Core.Comparison;

/// <summary>What happens to a fix after its active test.</summary>
public enum KeepDecision
{
    /// <summary>Success rate at or above the keep threshold and no critical result.</summary>
    Keep,

    /// <summary>Between the thresholds, or too few items to tell: keep it but watch natural traffic.</summary>
    Monitor,

    /// <summary>Below the monitor threshold, or any critical result.</summary>
    Rollback,
}
