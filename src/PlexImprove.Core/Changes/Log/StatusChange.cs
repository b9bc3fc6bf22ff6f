namespace PlexImprove.Core.Changes.Log;

/// <summary>A step in a fix's history.</summary>
public sealed class StatusChange
{
    public required FixStatus Status { get; init; }

    public required DateTimeOffset At { get; init; }
}
