using Polly;

namespace PlexImprove.Plex.Resilience;

/// <summary>
/// Runs every request through a Polly pipeline (Polly's HTTP integration packages are not available, so this
/// small handler is the bridge). Requests to Plex carry no content, so resending the same message is safe.
/// </summary>
public sealed class PlexResilienceHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private int _attempts;

    public PlexResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline, HttpMessageHandler innerHandler)
        : base(innerHandler) => _pipeline = pipeline;

    /// <summary>Attempts made by this handler since it was created (for diagnostics and tests).</summary>
    public int Attempts => _attempts;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static async (state, ct) =>
            {
                Interlocked.Increment(ref state.Handler._attempts);
                return await state.Handler.SendOnceAsync(state.Request, ct).ConfigureAwait(false);
            },
            (Handler: this, Request: request),
            cancellationToken).ConfigureAwait(false);

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
