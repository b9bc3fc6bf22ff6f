using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Reflection;

/// <summary>
/// The final decision on one fix as the post-mortem records it. Written in snake_case (<c>rolled_back</c>) like every
/// other enum of the run folder, so <c>post_mortem_analysis.json</c> files written when this was a string still load.
/// </summary>
[JsonConverter(typeof(OutcomeStatusJsonConverter))]
public enum OutcomeStatus
{
    /// <summary>Not decided yet: the run stopped before the fix was tested.</summary>
    Pending,

    /// <summary>Tested and kept (KEEP).</summary>
    Kept,

    /// <summary>Tested and kept under watch (MONITOR).</summary>
    Monitor,

    /// <summary>Applied, then restored from its backup.</summary>
    RolledBack,

    /// <summary>The Python 2.7 gate refused the change; nothing was written.</summary>
    Blocked,

    /// <summary>No patch, a patch that does not apply, nothing to test it on, or a pre-flight that matched nothing.</summary>
    NotApplicable,
}

/// <summary><see cref="OutcomeStatus"/> on the wire: <c>kept</c>, <c>monitor</c>, <c>rolled_back</c>, …; numbers are refused.</summary>
public sealed class OutcomeStatusJsonConverter() : JsonStringEnumConverter<OutcomeStatus>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);
