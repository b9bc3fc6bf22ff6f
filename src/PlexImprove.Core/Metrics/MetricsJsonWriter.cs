using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PlexImprove.Core.Signatures;

namespace PlexImprove.Core.Metrics;

/// <summary>
/// Writes the metrics document byte for byte as <see cref="MetricsJson.Options"/> would, by hand. The serializer
/// compiles a few hundred of its generic methods at run time (one set per value type a property has) before it writes
/// one document, which is most of a short <c>aggregate --json</c> process's writing time; this writer is precompiled.
/// The document's classes stay the one definition of the schema: a test holds this writer to the serializer's output.
/// </summary>
internal static class MetricsJsonWriter
{
    public static string Write(MetricsDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = MetricsJson.Encoder }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", document.SchemaVersion);
            json.WriteString("logsDir", document.LogsDir);
            json.WritePropertyName("window");
            WriteWindow(json, document.Window);
            json.WriteStartArray("files");
            foreach (var file in document.Files)
            {
                WriteFile(json, file);
            }

            json.WriteEndArray();
            json.WritePropertyName("totals");
            WriteCounts(json, document.Totals);
            json.WriteStartObject("agents");
            foreach (var (agent, counts) in document.Agents)
            {
                json.WritePropertyName(agent);
                WriteCounts(json, counts);
            }

            json.WriteEndObject();
            json.WriteStartArray("signatures");
            foreach (var signature in document.Signatures)
            {
                WriteSignature(json, signature);
            }

            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var note in document.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteWindow(Utf8JsonWriter json, AggregationWindow window)
    {
        json.WriteStartObject();
        WriteTime(json, "since", window.Since);
        WriteTime(json, "until", window.Until);
        WriteTime(json, "firstRecord", window.FirstRecord);
        WriteTime(json, "lastRecord", window.LastRecord);
        if (window.Agents is { } agents)
        {
            json.WriteStartObject("agents");
            foreach (var (agent, own) in agents)
            {
                json.WriteStartObject(agent);
                WriteTime(json, "since", own.Since);
                json.WriteStartArray("excluded");
                foreach (var span in own.Excluded)
                {
                    json.WriteStartObject();
                    WriteTime(json, "from", span.From);
                    WriteTime(json, "until", span.Until);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteFile(Utf8JsonWriter json, FileSummary file)
    {
        json.WriteStartObject();
        json.WriteString("name", file.Name);
        json.WriteString("agent", file.Agent);
        json.WriteNumber("bytes", file.Bytes);
        json.WriteNumber("records", file.Records);
        json.WriteNumber("unparsedLines", file.UnparsedLines);
        json.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter json, Counts counts)
    {
        json.WriteStartObject();
        json.WriteNumber("searchesStarted", counts.SearchesStarted);
        json.WriteNumber("searchesSucceeded", counts.SearchesSucceeded);
        json.WriteNumber("searchesFailed", counts.SearchesFailed);
        json.WriteNumber("searchesUnfinished", counts.SearchesUnfinished);
        json.WriteNumber("updatesStarted", counts.UpdatesStarted);
        json.WriteNumber("updatesSucceeded", counts.UpdatesSucceeded);
        json.WriteNumber("updatesFailed", counts.UpdatesFailed);
        json.WriteNumber("updatesUnfinished", counts.UpdatesUnfinished);
        if (counts.SuccessRate is { } rate)
        {
            json.WriteNumber("successRate", rate);
        }
        else
        {
            json.WriteNull("successRate");
        }

        if (counts.SuccessRateCi95 is { } interval)
        {
            json.WriteStartArray("successRateCi95");
            foreach (double bound in interval)
            {
                json.WriteNumberValue(bound);
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("successRateCi95");
        }

        json.WriteNumber("titleMatchFailures", counts.TitleMatchFailures);
        json.WriteNumber("studioMatchFailures", counts.StudioMatchFailures);
        json.WriteNumber("dateMatchFailures", counts.DateMatchFailures);
        json.WriteNumber("durationMatchFailures", counts.DurationMatchFailures);
        json.WriteNumber("noResults", counts.NoResults);
        json.WriteNumber("urlErrors", counts.UrlErrors);
        json.WriteNumber("timeouts", counts.Timeouts);
        json.WriteNumber("modelReadErrors", counts.ModelReadErrors);
        json.WriteNumber("loadFailures", counts.LoadFailures);
        json.WriteNumber("noise", counts.Noise);
        WriteCounters(json, "httpErrors", counts.HttpErrors);
        WriteCounters(json, "exceptions", counts.Exceptions);
        json.WriteStartObject("levels");
        json.WriteNumber("DEBUG", counts.Levels.Debug);
        json.WriteNumber("INFO", counts.Levels.Info);
        json.WriteNumber("WARNING", counts.Levels.Warning);
        json.WriteNumber("ERROR", counts.Levels.Error);
        json.WriteNumber("CRITICAL", counts.Levels.Critical);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteCounters(Utf8JsonWriter json, string name, SortedDictionary<string, long> counters)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counters)
        {
            json.WriteNumber(key, count);
        }

        json.WriteEndObject();
    }

    private static void WriteSignature(Utf8JsonWriter json, SignatureSummary signature)
    {
        json.WriteStartObject();
        json.WriteString("id", signature.Id);
        json.WriteString("kind", signature.Kind);
        json.WriteString("text", signature.Text);
        json.WriteNumber("count", signature.Count);
        json.WriteStartArray("agents");
        foreach (var agent in signature.Agents)
        {
            json.WriteStringValue(agent);
        }

        json.WriteEndArray();
        WriteTime(json, "firstSeen", signature.FirstSeen);
        WriteTime(json, "lastSeen", signature.LastSeen);
        json.WriteString("example", signature.Example);
        json.WriteEndObject();
    }

    /// <summary>A local time as <see cref="LocalDateTimeConverter"/> writes it; null as null.</summary>
    private static void WriteTime(Utf8JsonWriter json, string name, DateTime? time)
    {
        if (time is { } value)
        {
            json.WriteString(name, value.ToString(LocalDateTimeConverter.Format, CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
