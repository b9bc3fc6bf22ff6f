using System.Diagnostics;
using PlexImprove.Agent.Sites;

namespace PlexImprove.Agent.Tests.TestSupport;

/// <summary>Fetches a sandbox site's pages over real HTTP: the request goes to the site's loopback port with the site's own host name.</summary>
internal sealed class SandboxPageFetcher : IPageFetcher, IDisposable
{
    private readonly IReadOnlyDictionary<string, int> _siteMap;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public SandboxPageFetcher(IReadOnlyDictionary<string, int> siteMap) => _siteMap = siteMap;

    public int Requests { get; private set; }

    public async Task<FetchedPage> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        Requests++;
        var watch = Stopwatch.StartNew();
        if (!_siteMap.TryGetValue(request.Url.Host.ToLowerInvariant(), out var port))
        {
            return new FetchedPage { Url = request.Url, Error = $"no site answers for {request.Url.Host}" };
        }

        using var message = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(request.Url) { Host = "127.0.0.1", Port = port }.Uri);
        message.Headers.Host = request.Url.Host;
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            return new FetchedPage { Url = request.Url, Status = (int)response.StatusCode, Headers = headers, Body = body, Elapsed = watch.Elapsed };
        }
        catch (HttpRequestException e)
        {
            return new FetchedPage { Url = request.Url, Error = e.Message, Elapsed = watch.Elapsed };
        }
    }

    public void Dispose() => _http.Dispose();
}
