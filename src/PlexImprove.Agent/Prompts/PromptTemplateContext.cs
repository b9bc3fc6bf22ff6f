using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scriban;
using Scriban.Parsing;

namespace PlexImprove.Agent.Prompts;

/// <summary>
/// The Scriban context every prompt renders in: .NET member names kept (<c>{{ fix.Title }}</c>), an unknown variable
/// or member is an error rather than silent emptiness, and a complex value (an object, a list of fixes) prints as
/// indented JSON with the wire names the model is asked to answer in, never as a type name.
/// </summary>
internal sealed class PromptTemplateContext : TemplateContext
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        IncludeFields = true,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Converters = { new BeforeAfterJsonConverter() },
    };

    public PromptTemplateContext(CancellationToken cancellationToken)
    {
        MemberRenamer = member => member.Name;
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        CancellationToken = cancellationToken;

        // The models read JSON numbers and ISO dates; the machine's culture must not change a prompt.
        PushCulture(CultureInfo.InvariantCulture);
    }

    public override string ObjectToString(object? value, bool nested = false) => value switch
    {
        string s => nested ? base.ObjectToString(s, nested) ?? s : s,
        _ => Format(value),
    };

    /// <summary>Every value a <c>{{ … }}</c> prints goes through <see cref="Format"/>, whatever path Scriban takes to text.</summary>
    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, textAsObject is null or string ? textAsObject : Format(textAsObject));

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        Enum e => JsonSerializer.Serialize(e, e.GetType(), Json).Trim('"'),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        // Numbers only: Scriban's own objects are IFormattable too, and would print as "{id: f1, agents: ScriptArray}".
        IFormattable f when value.GetType().IsPrimitive || value is decimal => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, value.GetType(), Json),
    };
}
