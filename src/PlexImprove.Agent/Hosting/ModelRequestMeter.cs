using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PlexImprove.Core.Errors;
using PlexImprove.Plex.Resilience;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// Where every request to the model leaves and every answer arrives, whatever the model asked for: a request is
/// refused once the token budget is spent or the phase's request cap is reached; each answer is counted against
/// the budget (its usage, or an estimate from its length when it reports none); an answer that is not a chat
/// completion, is larger than the cap, or asks to wait longer than allowed ends the request with a clear message.
/// Sits outside the resilience handler, so a retried request counts once.
/// </summary>
public sealed class ModelRequestMeter : DelegatingHandler
{
    private readonly LlmConnection _connection;
    private readonly TokenBudget _budget;
    private readonly ModelRequestCap _cap;
    private readonly TimeProvider _time;

    public ModelRequestMeter(LlmConnection connection, TokenBudget budget, ModelRequestCap cap, TimeProvider? time = null)
    {
        _connection = connection;
        _budget = budget;
        _cap = cap;
        _time = time ?? TimeProvider.System;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _budget.ThrowIfExhausted();
        _cap.Admit();
        long requestBytes = request.Content is null ? 0 : (await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)).LongLength;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (RetryAfterBeyondLimit(response, _connection, _time) is { } wait)
            {
                throw new LlmUnavailableException(
                    $"{LlmFailures.Where(_connection)} asks to wait {wait.TotalSeconds:0} s before the next request (HTTP {(int)response.StatusCode}, Retry-After), " +
                    $"longer than Llm:MaxRetryAfterSeconds ({_connection.MaxRetryAfter.TotalSeconds:0} s); nothing was waited for. Try again later, or raise Llm:MaxRetryAfterSeconds to wait.",
                    FailureKind.WorkFailed);
            }

            if (!response.IsSuccessStatusCode)
            {
                return response;
            }

            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                await WrapStreamAsync(response, requestBytes, cancellationToken).ConfigureAwait(false);
                return response;
            }

            byte[] body = await AnswerBody.ReadAsync(response.Content, _connection.MaxAnswerBytes, bytes => AnswerTooLarge(_connection, bytes), cancellationToken).ConfigureAwait(false);
            var usage = CheckCompletion(body, response.Content.Headers.ContentType);
            Count(usage, requestBytes, body.LongLength);
            response.Content = AnswerBody.Replay(body, response.Content.Headers);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The exception for an answer larger than <c>Llm:MaxAnswerBytes</c>.</summary>
    internal static LlmUnavailableException AnswerTooLarge(LlmConnection connection, long bytes) => new(
        $"{LlmFailures.Where(connection)} sent an answer of more than {connection.MaxAnswerBytes} bytes (Llm:MaxAnswerBytes; {bytes} read); it was dropped " +
        "unread and not stored. A model answer of this size is a fault or an attack; raise Llm:MaxAnswerBytes only for a model known to write that much.",
        FailureKind.WorkFailed);

    /// <summary>The wait a 429 or 503 asks for, when it is longer than <c>Llm:MaxRetryAfterSeconds</c>.</summary>
    internal static TimeSpan? RetryAfterBeyondLimit(HttpResponseMessage response, LlmConnection connection, TimeProvider time) =>
        response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            ? RetryAfterPolicy.BeyondCap(response, connection.MaxRetryAfter, time)
            : null;

    /// <summary>A 200 must be a chat completion with at least one choice holding a message; its usage, if any.</summary>
    private AnswerUsage? CheckCompletion(byte[] body, MediaTypeHeaderValue? type)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new LlmUnavailableException(
                $"{LlmFailures.Where(_connection)} answered HTTP 200 with {Describe(body, type)}, not a chat completion: it does not look like an OpenAI-compatible " +
                "API. Check Llm:Endpoint (or --llm-endpoint): it must be the API root such as http://localhost:11434/v1, not a web page or a proxy's login page.",
                FailureKind.BadInput);
        }

        using (document)
        {
            var root = document.RootElement;
            bool hasMessage = root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0].ValueKind == JsonValueKind.Object && choices[0].TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object;
            if (!hasMessage)
            {
                throw new LlmUnavailableException(
                    $"{LlmFailures.Where(_connection)} answered HTTP 200 with JSON that holds no answer ({Describe(body, type)}; a chat completion has a non-empty " +
                    "'choices' list with a 'message'). The server or a proxy in front of it is misbehaving; nothing was written. Try again, or check the server's logs.",
                    FailureKind.WorkFailed);
            }

            return AnswerUsage.From(root);
        }
    }

    private async Task WrapStreamAsync(HttpResponseMessage response, long requestBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > _connection.MaxAnswerBytes)
        {
            throw AnswerTooLarge(_connection, response.Content.Headers.ContentLength.Value);
        }

        var inner = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var metered = new MeteredAnswerStream(inner, _connection.MaxAnswerBytes, bytes => AnswerTooLarge(_connection, bytes), (usage, bytes) => Count(usage, requestBytes, bytes));
        var content = new StreamContent(metered);
        foreach (var (name, values) in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(name, values);
        }

        response.Content = content;
    }

    private void Count(AnswerUsage? usage, long requestBytes, long answerBytes)
    {
        var counted = usage ?? AnswerUsage.Estimate(requestBytes, answerBytes);
        _budget.Add(counted.InputTokens, counted.OutputTokens, estimated: usage is null);
    }

    /// <summary>What the body is, in a few printable characters (a page's title or first words), never the whole body.</summary>
    private static string Describe(byte[] body, MediaTypeHeaderValue? type)
    {
        string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 120));
        var printable = new StringBuilder();
        foreach (char c in text.ReplaceLineEndings(" "))
        {
            printable.Append(char.IsControl(c) ? ' ' : c);
        }

        string start = printable.ToString().Trim();
        string what = body.Length == 0 ? "an empty body" : $"{type?.MediaType ?? "a body without a content type"} of {body.Length} bytes starting '{(start.Length > 60 ? start[..60] + "…" : start)}'";
        return what;
    }
}
