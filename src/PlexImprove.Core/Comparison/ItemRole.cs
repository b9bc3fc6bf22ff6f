namespace PlexImprove.Core.Comparison;

/// <summary>Why an item is in an active test.</summary>
public enum ItemRole
{
    /// <summary>Its baseline sessions failed for an affected agent: the fix should repair it.</summary>
    Failed,

    /// <summary>Its baseline sessions succeeded: it must still succeed after the fix (catches regressions).</summary>
    Control,
}
