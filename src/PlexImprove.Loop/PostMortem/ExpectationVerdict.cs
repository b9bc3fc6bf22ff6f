namespace PlexImprove.Loop.PostMortem;

/// <summary>How an expected result compares with the measurement.</summary>
public static class ExpectationVerdict
{
    public const string Met = "met";
    public const string Partly = "partly";
    public const string NotMet = "not met";

    /// <summary>The metric could not be measured (the fix was never tested, or the name is unknown).</summary>
    public const string Unmeasured = "unmeasured";
}
