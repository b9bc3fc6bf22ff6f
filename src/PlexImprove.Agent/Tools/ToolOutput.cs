using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Tools;

/// <summary>
/// How every tool answers: text or compact JSON, cut to the caps with a line saying so, and failures as one readable
/// <c>Error: …</c> line (the message a Plex admin would read, never a stack trace).
/// </summary>
internal static class ToolOutput
{
    /// <summary>The prefix of every error result.</summary>
    public const string ErrorPrefix = "Error: ";

    /// <summary>Compact camelCase JSON, enums as strings, non-ASCII kept readable (log and page text is full of it).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = false,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    /// <summary>Keeps the first <paramref name="maxChars"/> characters and says how much was cut.</summary>
    public static string Trim(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var cut = Math.Max(0, maxChars);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + string.Create(CultureInfo.InvariantCulture,
            $"\n[truncated: {cut} of {text.Length} characters shown; narrow the request to see the rest]");
    }

    /// <summary>
    /// Runs a tool body; an expected failure becomes an error result, a cancellation still cancels. Secrets are masked
    /// before the answer is cut, so a cut never leaves part of a secret.
    /// </summary>
    public static async Task<string> RunAsync(
        ToolEnvironment environment, Func<Task<string>> body, CancellationToken cancellationToken, [CallerMemberName] string toolMethod = "")
    {
        try
        {
            return Trim(environment.Redactor.Redact(await body().ConfigureAwait(false)), environment.Limits.MaxChars);
        }
        catch (Exception e) when (!ToolFailureBoundary.IsCallerCancellation(e, cancellationToken))
        {
            return Trim(environment.Failures.ToAnswer(ToolFailureBoundary.ToolNameOf(toolMethod), e), environment.Limits.MaxChars);
        }
    }

    /// <summary>Runs a synchronous tool body (see <see cref="RunAsync"/>).</summary>
    public static Task<string> Run(
        ToolEnvironment environment, Func<string> body, CancellationToken cancellationToken, [CallerMemberName] string toolMethod = "") =>
        RunAsync(environment, () => Task.FromResult(body()), cancellationToken, toolMethod);
}
