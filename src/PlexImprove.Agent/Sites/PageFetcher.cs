using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using PlexImprove.Plex.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PlexImprove.Agent.Sites;

/// <summary>
/// GETs agents' pages through the standard resilience handler (retries with backoff on connection errors, timeouts,
/// 408, 429 and 5xx; a <c>Retry-After</c> honoured up to <see cref="PageFetcherOptions.MaxRetryAfter"/>; a per-attempt
/// timeout), with host overrides to loopback, the body capped and decoded as text. Failures come back in the page.
/// </summary>
public sealed partial class PageFetcher : IPageFetcher, IDisposable
{
    private const string ClientName = "agent-pages";

    /// <summary>The read buffer's size at most: big enough for a typical page in a few reads, small enough to cap cheaply.</summary>
    private const int ReadBufferBytes = 64 * 1024;

    /// <summary>How far into the body a <c>&lt;meta charset&gt;</c> is looked for (HTML requires it within the first 1024 bytes; twice that is lenient).</summary>
    private const int CharsetSniffBytes = 2048;

    /// <summary>Added to the whole request's time limit so that it never fires before the last attempt's own limit.</summary>
    private static readonly TimeSpan TotalTimeoutSlack = TimeSpan.FromSeconds(5);

    /// <summary>The circuit breaker's shortest sampling window: a few failures over a short window must not open it.</summary>
    private static readonly TimeSpan MinBreakerSampling = TimeSpan.FromSeconds(30);

    private readonly PageFetcherOptions _options;
    private readonly TimeProvider _time;
    private readonly ServiceProvider _services;
    private readonly HttpClient _http;

    /// <param name="options">Overrides, timeouts, retries and caps (defaults when null).</param>
    /// <param name="time">The clock for timeouts and <c>Retry-After</c> dates.</param>
    /// <param name="primaryHandler">The innermost handler (tests); default a <see cref="SocketsHttpHandler"/> without automatic redirects or cookies.</param>
    public PageFetcher(PageFetcherOptions? options = null, TimeProvider? time = null, Func<HttpMessageHandler>? primaryHandler = null)
    {
        _options = options ?? new PageFetcherOptions();
        _time = time ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxRetries, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.AttemptTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBodyBytes, 1);

        var services = new ServiceCollection();
        services.AddSingleton(_time);
        var guard = _options.RefuseNonPublicAddresses
            ? new ResolvedAddressGuard(_options.HostsAllowedAnyAddress.Concat(_options.HostOverrides.Values.Select(u => u.Host.Trim('[', ']'))), _options.Resolve)
            : null;
        var client = services.AddHttpClient(ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => primaryHandler?.Invoke() ?? new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All,
                ConnectCallback = guard is null ? null : guard.ConnectAsync,

                // Through a proxy the connect step would check the proxy's address, not the site's.
                UseProxy = guard is null,
            });
        client.AddStandardResilienceHandler(Configure);
        client.AddHttpMessageHandler(() => new HostOverrideHandler(_options.HostOverrides));
        _services = services.BuildServiceProvider();
        _http = _services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
    }

    public async Task<FetchedPage> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        if (!request.Url.IsAbsoluteUri || (request.Url.Scheme != Uri.UriSchemeHttp && request.Url.Scheme != Uri.UriSchemeHttps))
        {
            return new FetchedPage { Url = request.Url, Error = $"'{request.Url}' is not an http(s) address." };
        }

        using var deadline = new CancellationTokenSource(request.Timeout ?? Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var url = request.Url;
        for (var hop = 0; ; hop++)
        {
            if (Refusal(url) is { } refusal)
            {
                return Failed(request.Url, started, refusal);
            }

            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed(request.Url, started, $"No answer within {Seconds(request.Timeout ?? _options.AttemptTimeout)} (timed out).");
            }
            catch (TimeoutRejectedException)
            {
                return Failed(request.Url, started, $"No answer within {Seconds(_options.AttemptTimeout)} per attempt, {_options.MaxRetries + 1} attempt(s) (timed out).");
            }
            catch (BrokenCircuitException e)
            {
                return Failed(request.Url, started, $"Too many failures in a row; requests are paused for a while ({e.Message}).");
            }
            catch (HttpRequestException e) when (e.InnerException is NonPublicAddressException refused)
            {
                return Failed(request.Url, started, refused.Message);
            }
            catch (HttpRequestException e)
            {
                return Failed(request.Url, started, $"Could not connect to {url.Host}: {e.Message}");
            }

            using (response)
            {
                string? refused = null;
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location && hop < _options.MaxRedirects)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (request.MayFollow?.Invoke(next) ?? true)
                    {
                        url = next;
                        continue;
                    }

                    refused = $"Redirected to {next.GetLeftPart(UriPartial.Path)}, which was not followed: not a site the agents use.";
                }

                try
                {
                    return await ReadAsync(request.Url, url, response, started, linked.Token, refused).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return Failed(request.Url, started, $"The body did not arrive within {Seconds(request.Timeout ?? _options.AttemptTimeout)} (timed out).");
                }
                catch (HttpRequestException e)
                {
                    return Failed(request.Url, started, $"The connection broke while reading the page: {e.Message}");
                }
            }
        }
    }

    /// <summary>Why <paramref name="url"/> may not be fetched (not a site of the box, not on the allowlist); null when it may.</summary>
    private string? Refusal(Uri url)
    {
        if (_options.OnlyOverriddenHosts && !_options.HostOverrides.Keys.Any(h => string.Equals(h, url.Host, StringComparison.OrdinalIgnoreCase)))
        {
            return $"No site of this box answers for {url.Host} (its sites: {string.Join(", ", _options.HostOverrides.Keys.Order(StringComparer.Ordinal))}); the box's network reaches nothing else.";
        }

        return _options.Allowlist is { } allowlist && !allowlist.Allows(url) ? allowlist.Refusal(url) : null;
    }

    public void Dispose()
    {
        _http.Dispose();
        _services.Dispose();
    }

    private async Task<FetchedPage> ReadAsync(Uri requested, Uri final, HttpResponseMessage response, long started, CancellationToken cancellationToken, string? note = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Math.Min(_options.MaxBodyBytes + 1, ReadBufferBytes)];
            using var body = new MemoryStream();
            var truncated = false;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var room = _options.MaxBodyBytes - (int)body.Length;
                if (read > room)
                {
                    body.Write(buffer, 0, room);
                    truncated = true;
                    break;
                }

                body.Write(buffer, 0, read);
            }

            var bytes = body.ToArray();
            return new FetchedPage
            {
                Url = final == requested ? requested : final,
                Status = (int)response.StatusCode,
                Headers = headers,
                Body = Decode(bytes, response.Content.Headers.ContentType?.CharSet),
                Truncated = truncated,
                Elapsed = _time.GetElapsedTime(started),
                Error = note,
            };
        }
    }

    private void Configure(HttpStandardResilienceOptions resilience)
    {
        resilience.AttemptTimeout.Timeout = _options.AttemptTimeout;
        var attempts = _options.MaxRetries + 1;
        var waits = (_options.RetryBaseDelay * Math.Pow(2, Math.Max(0, _options.MaxRetries)) * 2) + (_options.MaxRetryAfter * _options.MaxRetries);
        resilience.TotalRequestTimeout.Timeout = (_options.AttemptTimeout * attempts) + waits + TotalTimeoutSlack;
        resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(MinBreakerSampling.Ticks, _options.AttemptTimeout.Ticks * 2));
        resilience.Retry.MaxRetryAttempts = Math.Max(1, _options.MaxRetries);
        resilience.Retry.Delay = _options.RetryBaseDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.ShouldRetryAfterHeader = false;
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(_options.MaxRetries > 0 && ShouldRetry(args.Outcome));
        resilience.Retry.DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? RetryAfter(r) : null);
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            // A refused address is refused again on every attempt: not worth a retry.
            return outcome.Exception is HttpRequestException { InnerException: not NonPublicAddressException } or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        return RetryAfterPolicy.ShouldRetry(response, _options.MaxRetryAfter, _time);
    }

    /// <summary>The server's <c>Retry-After</c> as a delay (seconds or an HTTP date on this fetcher's clock); null when absent.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) => RetryAfterPolicy.Requested(response, _time);

    private FetchedPage Failed(Uri url, long started, string error) =>
        new() { Url = url, Error = error, Elapsed = _time.GetElapsedTime(started) };

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    /// <summary>The header's charset, else a <c>&lt;meta charset&gt;</c> near the top, else UTF-8 (invalid bytes replaced).</summary>
    internal static string Decode(byte[] bytes, string? charset)
    {
        var name = charset?.Trim('"', ' ');
        if (string.IsNullOrEmpty(name))
        {
            var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, CharsetSniffBytes));
            var meta = MetaCharset().Match(head);
            name = meta.Success ? meta.Groups[1].Value : null;
        }

        var encoding = Encoding.UTF8;
        if (!string.IsNullOrEmpty(name))
        {
            try
            {
                encoding = Encoding.GetEncoding(name);
            }
            catch (ArgumentException)
            {
                // An unknown or misspelt charset: UTF-8 with replacement characters still shows the page's structure.
                encoding = Encoding.UTF8;
            }
        }

        return encoding.GetString(bytes);
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
