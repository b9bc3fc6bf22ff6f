using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using PlexImprove.Core.Redaction;
using PlexImprove.Plex.Errors;
using PlexImprove.Plex.Models;
using PlexImprove.Plex.Resilience;
using Polly.Timeout;

namespace PlexImprove.Plex.Client;

/// <summary>
/// A typed client for the Plex Media Server HTTP API: JSON, token, paging and resilience. Every message it
/// produces passes through <see cref="Redactor"/>, so the token never reaches a log, a report or an exception.
/// </summary>
public sealed partial class PlexClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly PlexResilienceHandler _resilience;
    private readonly PlexClientOptions _options;

    /// <param name="options">Server, token, identity and resilience.</param>
    /// <param name="innerHandler">The transport (tests and benchmarks pass their own); default a pooled socket handler.</param>
    /// <param name="timeProvider">Clock for backoff and timeouts.</param>
    public PlexClient(PlexClientOptions options, HttpMessageHandler? innerHandler = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Redactor = new SecretRedactor([options.Token]);
        TimeProvider = timeProvider ?? TimeProvider.System;
        _resilience = new PlexResilienceHandler(
            PlexResiliencePipeline.Create(options.Resilience, TimeProvider),
            innerHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(10) });
        _http = new HttpClient(_resilience) { BaseAddress = BaseUrlWithSlash(options.BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _http.DefaultRequestHeaders.Add("X-Plex-Client-Identifier", options.ClientIdentifier);
        _http.DefaultRequestHeaders.Add("X-Plex-Product", options.Product);
        _http.DefaultRequestHeaders.Add("X-Plex-Version", options.Version);
        if (options.Token is not null)
        {
            _http.DefaultRequestHeaders.Add("X-Plex-Token", options.Token);
        }
    }

    /// <summary>The server address (it never contains the token: the token travels in a header).</summary>
    public Uri BaseUrl => _options.BaseUrl;

    /// <summary>Masks the token in any text bound for output.</summary>
    public SecretRedactor Redactor { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>HTTP attempts made so far, retries included.</summary>
    public int Attempts => _resilience.Attempts;

    /// <summary>Which server answers and its version (tool <c>plex_status</c>); needs no token.</summary>
    public async Task<PlexIdentity> GetIdentityAsync(CancellationToken cancellationToken = default)
    {
        var container = await GetContainerAsync("identity", cancellationToken).ConfigureAwait(false);
        return new PlexIdentity { MachineIdentifier = container.MachineIdentifier, Version = container.Version, Claimed = container.Claimed };
    }

    /// <summary>
    /// Identity, version, and every library section with its agent and item count (tool <c>plex_status</c>).
    /// </summary>
    public async Task<PlexServerStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var identity = await GetIdentityAsync(cancellationToken).ConfigureAwait(false);
        var sections = new List<PlexSectionStatus>();
        foreach (var section in await GetSectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            int count = await CountSectionItemsAsync(section.Key, cancellationToken).ConfigureAwait(false);
            sections.Add(new PlexSectionStatus(section.Key, section.Title, section.Type, section.Agent, count, section.Refreshing));
        }

        return new PlexServerStatus
        {
            Url = Redactor.Redact(BaseUrl.ToString()) ?? "",
            MachineIdentifier = identity.MachineIdentifier,
            Version = identity.Version,
            Sections = sections,
        };
    }

    /// <summary>The library sections, each with its agent.</summary>
    public async Task<IReadOnlyList<PlexSection>> GetSectionsAsync(CancellationToken cancellationToken = default) =>
        (await GetContainerAsync("library/sections", cancellationToken).ConfigureAwait(false)).Directories;

    /// <summary>How many items a section holds (asks for an empty page and reads <c>totalSize</c>).</summary>
    public async Task<int> CountSectionItemsAsync(string sectionId, CancellationToken cancellationToken = default)
    {
        var container = await GetContainerAsync($"library/sections/{Escape(sectionId)}/all", cancellationToken, start: 0, size: 0).ConfigureAwait(false);
        return container.TotalSize ?? container.Size ?? container.Metadata.Count;
    }

    /// <summary>
    /// The items of a section, optionally filtered by title (tool <c>plex_find_items</c>), following
    /// <c>X-Plex-Container-Start/Size</c> pages until <c>totalSize</c>.
    /// </summary>
    /// <param name="sectionId">The section key.</param>
    /// <param name="title">Part of a title to filter on; null lists everything.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public async Task<IReadOnlyList<PlexItem>> GetSectionItemsAsync(string sectionId, string? title = null, CancellationToken cancellationToken = default)
    {
        string path = $"library/sections/{Escape(sectionId)}/all" + (string.IsNullOrEmpty(title) ? "" : "?title=" + Uri.EscapeDataString(title));
        var items = new List<PlexItem>();
        int start = 0;
        while (true)
        {
            var page = await GetContainerAsync(path, cancellationToken, start, _options.PageSize).ConfigureAwait(false);
            Hoist(page, sectionId);
            items.AddRange(page.Metadata);
            start += page.Metadata.Count;
            int? total = page.TotalSize;
            if (page.Metadata.Count == 0 || (total is { } t ? start >= t : page.Metadata.Count < _options.PageSize))
            {
                return items;
            }
        }
    }

    /// <summary>One item by ratingKey; null when Plex does not know it (404).</summary>
    public async Task<PlexItem?> GetItemAsync(string ratingKey, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"library/metadata/{Escape(ratingKey)}", cancellationToken, allowNotFound: true).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var container = await ReadContainerAsync(response, cancellationToken).ConfigureAwait(false);
        Hoist(container, null);
        return container.Metadata.FirstOrDefault(m => m.RatingKey == ratingKey) ?? container.Metadata.FirstOrDefault();
    }

    /// <summary>
    /// Asks Plex to refresh one item (asynchronous on the server). When the server refuses the item route
    /// (404/405), refreshes the item's folder instead: <c>GET /library/sections/{id}/refresh?path=…</c>.
    /// </summary>
    public async Task<RefreshRoute> RequestRefreshAsync(PlexItem item, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        string path = $"library/metadata/{Escape(item.RatingKey)}/refresh" + (force ? "?force=1" : "");
        using (var response = await SendAsync(HttpMethod.Put, path, cancellationToken, allowNotFound: true, allowMethodNotAllowed: true).ConfigureAwait(false))
        {
            if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed))
            {
                return RefreshRoute.Item;
            }
        }

        if (item.LibrarySectionId is null || item.Folder is null)
        {
            throw new PlexRequestFailedException(
                $"Plex refused the item refresh for {item.RatingKey} and the item has no section or file to refresh its folder instead.",
                HttpStatusCode.NotFound);
        }

        string folderPath = $"library/sections/{Escape(item.LibrarySectionId)}/refresh?path={Uri.EscapeDataString(item.Folder)}" + (force ? "&force=1" : "");
        using var fallback = await SendAsync(HttpMethod.Get, folderPath, cancellationToken).ConfigureAwait(false);
        return RefreshRoute.Folder;
    }

    /// <summary>The server's running activities.</summary>
    public async Task<IReadOnlyList<PlexActivity>> GetActivitiesAsync(CancellationToken cancellationToken = default) =>
        (await GetContainerAsync("activities", cancellationToken).ConfigureAwait(false)).Activities;

    /// <summary>Restarts one plugin through the undocumented per-plugin URL; false when the server does not offer it.</summary>
    public async Task<bool> RestartPluginAsync(string bundleIdentifier, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $":/plugins/{Escape(bundleIdentifier)}/restart", cancellationToken, allowNotFound: true, allowMethodNotAllowed: true).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Opens the notifications websocket; the caller owns the socket. Errors are redacted.</summary>
    public async Task<ClientWebSocket> ConnectNotificationsAsync(CancellationToken cancellationToken = default)
    {
        var builder = new UriBuilder(new Uri(BaseUrlWithSlash(_options.BaseUrl), ":/websockets/notifications"))
        {
            Scheme = _options.BaseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        };
        if (_options.Token is not null)
        {
            builder.Query = "X-Plex-Token=" + Uri.EscapeDataString(_options.Token);
        }

        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Plex-Client-Identifier", _options.ClientIdentifier);
        socket.Options.SetRequestHeader("X-Plex-Product", _options.Product);
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Resilience.RequestTimeout);
            await socket.ConnectAsync(builder.Uri, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new PlexRequestFailedException($"The notifications websocket of {BaseUrl} refused the connection: {Redactor.Redact(e.Message)}", null, null);
        }
    }

    public void Dispose() => _http.Dispose();

    private static Uri BaseUrlWithSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    // Plex may send librarySectionID only on the container: copy it to the items that lack it.
    private static void Hoist(PlexMediaContainer container, string? sectionId)
    {
        string? section = container.LibrarySectionId ?? sectionId;
        foreach (var item in container.Metadata)
        {
            item.LibrarySectionId ??= section;
        }
    }

    private async Task<PlexMediaContainer> GetContainerAsync(string path, CancellationToken cancellationToken, int? start = null, int? size = null)
    {
        using var response = await SendAsync(HttpMethod.Get, path, cancellationToken, start: start, size: size).ConfigureAwait(false);
        return await ReadContainerAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PlexMediaContainer> ReadContainerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string where = Redactor.Redact(response.RequestMessage?.RequestUri?.ToString()) ?? BaseUrl.ToString();
        if (string.IsNullOrWhiteSpace(body))
        {
            return new PlexMediaContainer();
        }

        try
        {
            return JsonSerializer.Deserialize<PlexEnvelope>(body, PlexJson.Read)?.MediaContainer ?? new PlexMediaContainer();
        }
        catch (JsonException e)
        {
            string kind = body.TrimStart().StartsWith('<') ? "XML or HTML" : "text";
            throw new PlexRequestFailedException($"Plex answered {where} with {kind} instead of JSON; is Plex:Url a Plex Media Server?", response.StatusCode, e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        CancellationToken cancellationToken,
        bool allowNotFound = false,
        bool allowMethodNotAllowed = false,
        int? start = null,
        int? size = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (start is { } s)
        {
            request.Headers.Add("X-Plex-Container-Start", s.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Plex-Container-Size", (size ?? _options.PageSize).ToString(CultureInfo.InvariantCulture));
        }

        string where = $"{method} {Redactor.Redact(new Uri(_http.BaseAddress!, path).ToString())}";
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new PlexUnreachableException(BaseUrl.ToString(), $"{Redactor.Redact(e.Message)} after {_options.Resilience.MaxRetries + 1} attempts", WithoutToken(e));
        }
        catch (TimeoutRejectedException e)
        {
            throw new PlexUnreachableException(BaseUrl.ToString(), $"no answer within {_options.Resilience.RequestTimeout.TotalSeconds:0.#} s, {_options.Resilience.MaxRetries + 1} attempts", WithoutToken(e));
        }

        if (response.IsSuccessStatusCode
            || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
            || (allowMethodNotAllowed && response.StatusCode == HttpStatusCode.MethodNotAllowed))
        {
            return response;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new PlexTokenRejectedException(BaseUrl.ToString(), _options.Token is null);
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            string text = Redactor.Redact(HtmlText(body)) ?? "";
            string detail = text.Length == 0 ? "" : ": " + (text.Length > 200 ? text[..200] + "…" : text);
            if (PlexResiliencePipeline.IsTransient(response.StatusCode))
            {
                throw new PlexUnreachableException(BaseUrl.ToString(), $"{where} kept answering {(int)response.StatusCode} after {_options.Resilience.MaxRetries + 1} attempts{detail}");
            }

            throw new PlexRequestFailedException($"Plex answered {where} with {(int)response.StatusCode} {response.ReasonPhrase}{detail}", response.StatusCode);
        }
    }

    // Inner exceptions are kept for debugging only when their message cannot carry the token.
    private Exception? WithoutToken(Exception e) =>
        string.Equals(Redactor.Redact(e.ToString()), e.ToString(), StringComparison.Ordinal) ? e : null;

    // Error bodies are HTML even when JSON was asked for: keep their text.
    private static string HtmlText(string body) => Whitespace().Replace(Tags().Replace(body, " "), " ").Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
