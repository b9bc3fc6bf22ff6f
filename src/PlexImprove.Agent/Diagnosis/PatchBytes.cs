using System.Text;
using System.Text.Json;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>
/// A <see cref="ProposedPatch"/> as the bytes the change engine reads: edits as its search/replace JSON
/// (<c>{"edits":[{"file","search","replace"}]}</c>), a diff as UTF-8 text.
/// </summary>
public static class PatchBytes
{
    public static ReadOnlyMemory<byte> From(ProposedPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Format == PatchFormatKind.UnifiedDiff)
        {
            return Encoding.UTF8.GetBytes(patch.Diff ?? "");
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("edits");
            foreach (var edit in patch.Edits)
            {
                writer.WriteStartObject();
                writer.WriteString("file", edit.File);
                writer.WriteString("search", edit.Old);
                writer.WriteString("replace", edit.New);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
