using System.Diagnostics;
using PlexImprove.Agent.Sites;

namespace PlexImprove.Loop.Coordination;

/// <summary>
/// Fetches the pages agents use over plain HTTP for the brain. With a host map (the sandbox's fake sites), a request
/// for a mapped host goes to its loopback port with the site's own host name; unmapped hosts are refused, so a demo
/// never reaches the internet. Bodies are capped at <see cref="MaxBodyChars"/>.
/// </summary>
public sealed class HttpPageFetcher : IPageFetcher, IDisposable
{
    public const int MaxBodyChars = 512 * 1024;

    private readonly IReadOnlyDictionary<string, int>? _hostMap;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <param name="hostMap">Host name → loopback port; null fetches from the real hosts.</param>
    public HttpPageFetcher(IReadOnlyDictionary<string, int>? hostMap = null) => _hostMap = hostMap;

    public async Task<FetchedPage> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = Stopwatch.StartNew();
        var target = request.Url;
        if (_hostMap is not null)
        {
            if (!_hostMap.TryGetValue(request.Url.Host.ToLowerInvariant(), out int port))
            {
                return new FetchedPage { Url = request.Url, Error = $"no site of this sandbox answers for {request.Url.Host}" };
            }

            target = new UriBuilder(request.Url) { Scheme = Uri.UriSchemeHttp, Host = "127.0.0.1", Port = port }.Uri;
        }

        using var message = new HttpRequestMessage(HttpMethod.Get, target);
        message.Headers.Host = request.Url.Host;
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            using var response = await _http.SendAsync(message, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            return new FetchedPage
            {
                Url = request.Url,
                Status = (int)response.StatusCode,
                Headers = headers,
                Body = body.Length > MaxBodyChars ? body[..MaxBodyChars] : body,
                Truncated = body.Length > MaxBodyChars,
                Elapsed = watch.Elapsed,
            };
        }
        catch (HttpRequestException e)
        {
            return new FetchedPage { Url = request.Url, Error = e.Message, Elapsed = watch.Elapsed };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FetchedPage { Url = request.Url, Error = "no answer within the timeout", Elapsed = watch.Elapsed };
        }
    }

    public void Dispose() => _http.Dispose();
}
