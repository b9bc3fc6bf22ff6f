using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PlexImprove.Core.Commands;
using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Metrics;

/// <summary>Reads and writes the metrics document.</summary>
public static class MetricsJson
{
    /// <summary>Escapes only what JSON requires: log text is full of non-ASCII and quotes, kept readable.</summary>
    internal static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Indented, ISO local timestamps, non-ASCII kept readable (log text is full of it).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = Encoder,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new LocalDateTimeConverter() },

        // The document's own metadata is generated at compile time; any other type still works by reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(MetricsJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>The document as <see cref="Options"/> write it (see <see cref="MetricsJsonWriter"/>).</summary>
    public static string Serialize(MetricsDocument document) => MetricsJsonWriter.Write(document);

    /// <summary>Reads a metrics document; a malformed or foreign file gives an <see cref="InvalidInputException"/>.</summary>
    public static MetricsDocument Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"Metrics file '{path}' does not exist. Create one with '{PrintedCommand.Of("aggregate --json " + PrintedCommand.Quote(path))}'.");
        }

        try
        {
            var document = JsonSerializer.Deserialize<MetricsDocument>(File.ReadAllText(path), Options);
            if (document is null || document.SchemaVersion != MetricsDocument.CurrentSchemaVersion)
            {
                throw new InvalidInputException($"'{path}' is not a schema-version-{MetricsDocument.CurrentSchemaVersion} metrics document.");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"'{path}' is not a valid metrics document: {e.Message}", e);
        }
    }
}
