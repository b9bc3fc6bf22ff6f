using System.Text.Json.Nodes;

namespace PlexImprove.Agent.Tests.Llm;

/// <summary>One scripted answer of the fake model server: a message, tool calls, or an HTTP failure.</summary>
public sealed class FakeReply
{
    public int Status { get; init; } = 200;
    public string? Content { get; init; }
    public IReadOnlyList<(string Name, string ArgumentsJson)> ToolCalls { get; init; } = [];
    public int PromptTokens { get; init; } = 100;
    public int CompletionTokens { get; init; } = 20;
    public TimeSpan Delay { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public string? ErrorBody { get; init; }

    /// <summary>A 200 body sent as is instead of a chat completion (an HTML page, <c>{}</c>, …), with its content type.</summary>
    public (string Body, string ContentType)? Raw { get; init; }

    /// <summary>The answer carries no <c>usage</c> (some local servers send none).</summary>
    public bool WithoutUsage { get; init; }

    /// <summary>Streaming only: the connection is dropped after this many content chunks.</summary>
    public int? ResetAfterChunks { get; init; }

    /// <summary>Streaming only: the reset waits for this (the client has shown the first chunks), so it happens mid-answer, not before the headers are read.</summary>
    public Task? ResetWhen { get; init; }

    public static FakeReply Body(string body, string contentType = "application/json") => new() { Raw = (body, contentType) };

    public static FakeReply Text(string content, int promptTokens = 100, int completionTokens = 20) =>
        new() { Content = content, PromptTokens = promptTokens, CompletionTokens = completionTokens };

    public static FakeReply Tools(params (string Name, string ArgumentsJson)[] calls) => new() { ToolCalls = calls };

    public static FakeReply Failure(int status, string? retryAfterSeconds = null) => new()
    {
        Status = status,
        Headers = retryAfterSeconds is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds },
        ErrorBody = "{\"error\":{\"message\":\"scripted failure " + status.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\",\"type\":\"test\",\"code\":null}}",
    };

    /// <summary>The non-streaming chat.completion body.</summary>
    public JsonObject ToCompletion(string model, int sequence)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = Content };
        if (ToolCalls.Count > 0)
        {
            var calls = new JsonArray();
            for (int i = 0; i < ToolCalls.Count; i++)
            {
                calls.Add(new JsonObject
                {
                    ["id"] = $"call_{sequence}_{i}",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = ToolCalls[i].Name, ["arguments"] = ToolCalls[i].ArgumentsJson },
                });
            }

            message["tool_calls"] = calls;
        }

        return new JsonObject
        {
            ["id"] = $"chatcmpl-{sequence}",
            ["object"] = "chat.completion",
            ["created"] = 1764547200,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = ToolCalls.Count > 0 ? "tool_calls" : "stop",
            }),
            ["usage"] = WithoutUsage ? null : Usage(),
        };
    }

    public JsonObject Usage() => new()
    {
        ["prompt_tokens"] = PromptTokens,
        ["completion_tokens"] = CompletionTokens,
        ["total_tokens"] = PromptTokens + CompletionTokens,
    };
}
