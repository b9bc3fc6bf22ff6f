using System.Text.Json;
using System.Text.Json.Serialization;
using PlexImprove.Core.Comparison;

namespace PlexImprove.Loop.State;

/// <summary>A <see cref="KeepDecision"/> as the run folder has always written it: <c>keep</c>, <c>monitor</c>, <c>rollback</c>.</summary>
public sealed class KeepDecisionJsonConverter() : JsonStringEnumConverter<KeepDecision>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);
