using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>Reads and writes <c>{ "format": "unified-diff", "content": "…" }</c> or <c>{ "format": "edits", "content": [{ "file", "old", "new" }] }</c>.</summary>
public sealed class ProposedPatchJsonConverter : JsonConverter<ProposedPatch>
{
    public override ProposedPatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("patch must be an object { format, content }.");
        }

        var format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String
            ? f.GetString() switch
            {
                "unified-diff" => PatchFormatKind.UnifiedDiff,
                "edits" => PatchFormatKind.Edits,
                var other => throw new JsonException($"patch.format must be \"unified-diff\" or \"edits\", not \"{other}\"."),
            }
            : throw new JsonException("patch.format is missing.");
        bool allCopies = root.TryGetProperty("allCopies", out var a) && a.ValueKind == JsonValueKind.True;
        if (!root.TryGetProperty("content", out var content))
        {
            throw new JsonException("patch.content is missing.");
        }

        if (format == PatchFormatKind.UnifiedDiff)
        {
            return content.ValueKind == JsonValueKind.String
                ? new ProposedPatch { Format = format, Diff = content.GetString(), AllCopies = allCopies }
                : throw new JsonException("patch.content must be the diff text when format is \"unified-diff\".");
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("patch.content must be a list of { file, old, new } when format is \"edits\".");
        }

        var edits = new List<PatchEdit>();
        foreach (var item in content.EnumerateArray())
        {
            edits.Add(item.Deserialize<PatchEdit>(options) ?? throw new JsonException("patch.content holds a null edit."));
        }

        return new ProposedPatch { Format = format, Edits = edits, AllCopies = allCopies };
    }

    public override void Write(Utf8JsonWriter writer, ProposedPatch value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("format", value.Format == PatchFormatKind.UnifiedDiff ? "unified-diff" : "edits");
        writer.WritePropertyName("content");
        if (value.Format == PatchFormatKind.UnifiedDiff)
        {
            writer.WriteStringValue(value.Diff);
        }
        else
        {
            JsonSerializer.Serialize(writer, value.Edits, options);
        }

        if (value.AllCopies)
        {
            writer.WriteBoolean("allCopies", true);
        }

        writer.WriteEndObject();
    }
}
