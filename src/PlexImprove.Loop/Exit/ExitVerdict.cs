namespace PlexImprove.Loop.Exit;

/// <summary>An exit condition that holds (<see cref="ExitCondition"/>) and the sentence with the numbers behind it.</summary>
public sealed record ExitVerdict(string Condition, string Reason);
