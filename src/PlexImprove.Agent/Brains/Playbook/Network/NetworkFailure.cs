namespace PlexImprove.Agent.Brains.Playbook.Network;

/// <summary>One failed request read from an agent's log: how it failed, the URL its thread requested last, and the line that says so.</summary>
public sealed record NetworkFailure(NetworkFailureKind Kind, string? Url, string? Host, string Excerpt);
