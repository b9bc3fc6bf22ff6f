using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// The audit trail of an LLM phase: every request sent, every response, tool call and tool result, one JSON object
/// per line (<c>llm_transcript.jsonl</c> in the run folder), secrets redacted. Safe to share in a bug report.
/// </summary>
public sealed class LlmTranscript : IDisposable
{
    /// <summary>Longest text kept for one field; the rest is cut and the entry says so.</summary>
    public const int MaxFieldChars = 64 * 1024;

    private static readonly JsonSerializerOptions LineOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private readonly StreamWriter? _writer;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    /// <param name="path">The JSON-lines file (appended to); null keeps no transcript.</param>
    /// <param name="redactor">Removes secrets from every field.</param>
    /// <param name="time">Stamps each entry.</param>
    public LlmTranscript(string? path, SecretRedactor redactor, TimeProvider time)
    {
        _redactor = redactor;
        _time = time;
        Path = path;
        if (path is not null)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
        }
    }

    public string? Path { get; }

    public SecretRedactor Redactor => _redactor;

    /// <summary>Writes one entry of <paramref name="kind"/> (<c>request</c>, <c>response</c>, <c>tool_call</c>, <c>tool_result</c>, <c>tool_refused</c>, <c>note</c>).</summary>
    public void Write(string kind, IReadOnlyDictionary<string, object?> fields)
    {
        if (_writer is null)
        {
            return;
        }

        var entry = new JsonObject
        {
            ["time"] = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["kind"] = kind,
        };
        foreach (var (name, value) in fields)
        {
            entry[name] = value switch
            {
                null => null,
                JsonNode node => JsonNode.Parse(_redactor.Redact(node.ToJsonString())),
                string text => Bounded(_redactor.Redact(text)),
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                double d => JsonValue.Create(d),
                bool b => JsonValue.Create(b),
                _ => Bounded(_redactor.Redact(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "")),
            };
        }

        string line = entry.ToJsonString(LineOptions);
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    /// <summary>A body that is JSON is stored as JSON (redacted, long strings cut), anything else as text.</summary>
    public static object? BodyField(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) is { } node ? TrimStrings(node) : null;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    public void Dispose() => _writer?.Dispose();

    private static string Bounded(string text) =>
        text.Length <= MaxFieldChars ? text : text[..MaxFieldChars] + $"… [cut: {text.Length - MaxFieldChars} more characters]";

    private static JsonNode TrimStrings(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (obj[name] is { } child)
                    {
                        obj[name] = TrimStrings(child.DeepClone());
                    }
                }

                return obj;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child)
                    {
                        array[i] = TrimStrings(child.DeepClone());
                    }
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.Length > MaxFieldChars:
                return JsonValue.Create(Bounded(text));
            default:
                return node;
        }
    }
}
