using System.Diagnostics;
using System.Globalization;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// Records every HTTP request to the model and its answer in the transcript (bodies only, never headers, so the
/// key stays out). Sits inside the resilience handler, so each retry attempt is recorded too.
/// Streaming answers are recorded by status only; the chat records the text it shows.
/// </summary>
public sealed class TranscriptHttpHandler : DelegatingHandler
{
    private readonly LlmTranscript _transcript;

    public TranscriptHttpHandler(LlmTranscript transcript) => _transcript = transcript;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        _transcript.Write("request", new Dictionary<string, object?>
        {
            ["method"] = request.Method.Method,
            ["url"] = request.RequestUri?.GetLeftPart(UriPartial.Path),
            ["body"] = LlmTranscript.BodyField(body),
        });
        var watch = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            _transcript.Write("response", new Dictionary<string, object?>
            {
                ["error"] = e.GetType().Name + ": " + e.Message,
                ["elapsedMs"] = watch.ElapsedMilliseconds,
            });
            throw;
        }

        bool streaming = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
        string? responseBody = null;
        if (!streaming)
        {
            // Buffer the answer so it can be read here and again by the client.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            responseBody = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }

        _transcript.Write("response", new Dictionary<string, object?>
        {
            ["status"] = (int)response.StatusCode,
            ["retryAfter"] = response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["elapsedMs"] = watch.ElapsedMilliseconds,
            ["streaming"] = streaming,
            ["body"] = LlmTranscript.BodyField(responseBody),
        });
        return response;
    }
}
