using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Reflection;

/// <summary>One expected result against the measurement: met, partly or not met, with the numbers.</summary>
public sealed record ExpectedResultCheck(ExpectedResult Expected, double? Before, double? After, string Verdict, string Detail);
