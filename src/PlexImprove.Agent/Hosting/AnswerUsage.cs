using System.Text.Json;

namespace PlexImprove.Agent.Hosting;

/// <summary>The token usage an answer of the model endpoint reports (<c>usage.prompt_tokens</c>, <c>usage.completion_tokens</c>).</summary>
internal readonly record struct AnswerUsage(long InputTokens, long OutputTokens)
{
    /// <summary>Bytes per token when the endpoint reports no usage: about four characters a token, counted on the UTF-8 text.</summary>
    public const int BytesPerToken = 4;

    /// <summary>The usage of a chat completion or of a streamed chunk, or null when it carries none.</summary>
    public static AnswerUsage? From(JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        long input = Tokens(usage, "prompt_tokens");
        long output = Tokens(usage, "completion_tokens");
        return input < 0 && output < 0 ? null : new AnswerUsage(Math.Max(0, input), Math.Max(0, output));
    }

    /// <summary>An estimate from the request and answer sizes.</summary>
    public static AnswerUsage Estimate(long requestBytes, long answerBytes) =>
        new(Math.Max(1, requestBytes / BytesPerToken), Math.Max(1, answerBytes / BytesPerToken));

    private static long Tokens(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long tokens) ? tokens : -1;
}
