using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlexImprove.Core.Metrics;

/// <summary>Writes timestamps as ISO-8601 local times without a zone, milliseconds included (<c>2026-02-05T14:07:12.345</c>).</summary>
public sealed class LocalDateTimeConverter : JsonConverter<DateTime>
{
    public const string Format = "yyyy-MM-ddTHH:mm:ss.fff";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(Format, CultureInfo.InvariantCulture));
}
