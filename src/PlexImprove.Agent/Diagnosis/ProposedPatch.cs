using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>
/// A fix's change, paths relative to the Plug-ins root: a unified diff (<see cref="Diff"/>) or exact edits
/// (<see cref="Edits"/>, each <c>old</c> occurring exactly once). On the wire: <c>{ "format", "content" }</c>, where
/// content is the diff text or the list of edits (see <see cref="ProposedPatchJsonConverter"/>).
/// </summary>
[JsonConverter(typeof(ProposedPatchJsonConverter))]
public sealed class ProposedPatch
{
    public required PatchFormatKind Format { get; init; }

    /// <summary>The unified diff, when <see cref="Format"/> is <see cref="PatchFormatKind.UnifiedDiff"/>.</summary>
    public string? Diff { get; init; }

    /// <summary>The edits, when <see cref="Format"/> is <see cref="PatchFormatKind.Edits"/>.</summary>
    public IReadOnlyList<PatchEdit> Edits { get; init; } = [];

    /// <summary>Also change byte-identical copies of each target in other bundles (PGMA's shared <c>utils.py</c>).</summary>
    public bool AllCopies { get; init; }
}
