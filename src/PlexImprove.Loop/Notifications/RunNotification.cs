using System.Text.Json.Serialization;

namespace PlexImprove.Loop.Notifications;

/// <summary>The JSON a webhook receives when a run ends or stops on an error. Never holds a token or key.</summary>
public sealed class RunNotification
{
    /// <summary><c>finished</c>, <c>paused</c> or <c>failed</c>.</summary>
    [JsonPropertyName("event")] public required string Event { get; init; }
    [JsonPropertyName("workDir")] public required string WorkDir { get; init; }
    [JsonPropertyName("iteration")] public int Iteration { get; init; }
    [JsonPropertyName("exitCondition")] public string? ExitCondition { get; init; }

    /// <summary>The exit reason, or the error that stopped the run.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("baselineSuccess")] public double? BaselineSuccess { get; init; }
    [JsonPropertyName("finalSuccess")] public double? FinalSuccess { get; init; }
    [JsonPropertyName("report")] public string? Report { get; init; }
    [JsonPropertyName("resumeCommand")] public string? ResumeCommand { get; init; }
}
