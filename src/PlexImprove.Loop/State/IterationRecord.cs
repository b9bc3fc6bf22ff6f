using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary>One finished iteration: what it measured at its start and at its end, and what it tried.</summary>
public sealed class IterationRecord
{
    [JsonPropertyName("iteration")] public required int Iteration { get; init; }

    /// <summary>Success of the targeted agents as last measured when the iteration ended.</summary>
    [JsonPropertyName("successRate")] public double? SuccessRate { get; init; }
    [JsonPropertyName("succeeded")] public long Succeeded { get; init; }
    [JsonPropertyName("started")] public long Started { get; init; }

    [JsonPropertyName("proposed")] public int Proposed { get; init; }

    /// <summary>Proposals the run had not tried before (a fresh diagnosis that finds nothing new ends the run).</summary>
    [JsonPropertyName("newProposals")] public int NewProposals { get; init; }
    [JsonPropertyName("kept")] public int Kept { get; init; }
    [JsonPropertyName("monitor")] public int Monitor { get; init; }
    [JsonPropertyName("rolledBack")] public int RolledBack { get; init; }
    [JsonPropertyName("blocked")] public int Blocked { get; init; }
    [JsonPropertyName("notApplicable")] public int NotApplicable { get; init; }

    /// <summary>What the lesson book did after the post-mortem, in words.</summary>
    [JsonPropertyName("lessonChanges")] public IReadOnlyList<string> LessonChanges { get; init; } = [];
}
