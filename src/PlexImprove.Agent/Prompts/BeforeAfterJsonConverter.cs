using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Prompts;

/// <summary>
/// Prints a <c>(double Before, double After)</c> pair (an HTTP status that rose, in an intervention outcome) as
/// <c>{ "before": 0, "after": 37.5 }</c>; tuple element names do not survive compilation, so without this a model
/// would read <c>item1</c> and <c>item2</c>.
/// </summary>
internal sealed class BeforeAfterJsonConverter : JsonConverter<(double Before, double After)>
{
    public override (double Before, double After) Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return (root.GetProperty("before").GetDouble(), root.GetProperty("after").GetDouble());
    }

    public override void Write(Utf8JsonWriter writer, (double Before, double After) value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("before", value.Before);
        writer.WriteNumber("after", value.After);
        writer.WriteEndObject();
    }
}
