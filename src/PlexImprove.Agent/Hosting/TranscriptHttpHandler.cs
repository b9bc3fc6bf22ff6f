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
    private readonly LlmConnection _connection;

    public TranscriptHttpHandler(LlmTranscript transcript, LlmConnection connection)
    {
        _transcript = transcript;
        _connection = connection;
    }

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
            // Hold the answer so it can be read here and again by the client, never more than the cap.
            byte[] answer;
            try
            {
                answer = await AnswerBody.ReadAsync(response.Content, _connection.MaxAnswerBytes, bytes => ModelRequestMeter.AnswerTooLarge(_connection, bytes), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            response.Content = AnswerBody.Replay(answer, response.Content.Headers);
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
