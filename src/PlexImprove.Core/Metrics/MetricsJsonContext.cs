using System.Text.Json.Serialization;

namespace PlexImprove.Core.Metrics;

/// <summary>
/// Compile-time JSON metadata of the metrics document: writing it needs no reflection at run time, which a new
/// <c>aggregate --json</c> process would otherwise spend most of its serialising time on.
/// </summary>
[JsonSerializable(typeof(MetricsDocument))]
internal sealed partial class MetricsJsonContext : JsonSerializerContext;
