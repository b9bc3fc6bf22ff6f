namespace PlexImprove.Agent.Sites;

/// <summary>
/// Sends requests for an overridden host to its loopback base URL while keeping the original <c>Host</c> header
/// (the sandbox routes its fake sites by that header).
/// </summary>
internal sealed class HostOverrideHandler : DelegatingHandler
{
    private readonly Dictionary<string, Uri> _overrides;

    public HostOverrideHandler(IReadOnlyDictionary<string, Uri> overrides) =>
        _overrides = new Dictionary<string, Uri>(overrides, StringComparer.OrdinalIgnoreCase);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } original && _overrides.TryGetValue(original.Host, out var target))
        {
            request.Headers.Host = original.IsDefaultPort ? original.Host : original.Authority;
            var basePath = target.AbsolutePath.TrimEnd('/');
            request.RequestUri = new UriBuilder(target.Scheme, target.Host, target.Port, basePath + original.AbsolutePath) { Query = original.Query.TrimStart('?') }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
