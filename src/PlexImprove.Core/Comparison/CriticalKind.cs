namespace PlexImprove.Core.Comparison;

/// <summary>Results that force a rollback whatever the success rate.</summary>
public enum CriticalKind
{
    /// <summary>A plugin did not load after the restart (<c>Exception while loading code</c>, no <c>Started plug-in</c>).</summary>
    LoadFailure,

    /// <summary>The agents raised an exception type the baseline never saw.</summary>
    NewExceptionType,

    /// <summary>A control item that succeeded in the baseline fails after the fix.</summary>
    ControlRegressed,
}
