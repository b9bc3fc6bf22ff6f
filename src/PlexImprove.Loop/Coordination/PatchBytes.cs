using System.Text;
using System.Text.Json;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Loop.Coordination;

/// <summary>A proposal's patch in the change engine's input formats: the diff text, or <c>{"edits":[{file, search, replace}]}</c>.</summary>
public static class PatchBytes
{
    public static byte[] Of(ProposedPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Format == PatchFormatKind.UnifiedDiff)
        {
            return Encoding.UTF8.GetBytes(patch.Diff ?? "");
        }

        var edits = patch.Edits.Select(e => new Dictionary<string, string>(StringComparer.Ordinal) { ["file"] = e.File, ["search"] = e.Old, ["replace"] = e.New });
        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["edits"] = edits.ToList() });
    }
}
