using PlexImprove.Plex.Resilience;

namespace PlexImprove.Plex.Client;

/// <summary>How to reach one Plex Media Server.</summary>
public sealed class PlexClientOptions
{
    /// <summary>The default server address (<c>Plex:Url</c>).</summary>
    public const string DefaultUrl = "http://127.0.0.1:32400";

    /// <summary>Base URL of the server. Default <see cref="DefaultUrl"/>.</summary>
    public Uri BaseUrl { get; init; } = new(DefaultUrl);

    /// <summary>The <c>X-Plex-Token</c> (from <c>PLEX_TOKEN</c>); null for servers that allow local access without one.</summary>
    public string? Token { get; init; }

    /// <summary>The stable <c>X-Plex-Client-Identifier</c> (see <see cref="ClientIdentifierStore"/>).</summary>
    public required string ClientIdentifier { get; init; }

    /// <summary><c>X-Plex-Product</c>. Default <c>PlexImproveAgent</c>.</summary>
    public string Product { get; init; } = "PlexImproveAgent";

    /// <summary><c>X-Plex-Version</c>. Default the assembly version.</summary>
    public string Version { get; init; } = typeof(PlexClientOptions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";

    /// <summary>Items per page when listing a section. Default 200 (servers may cap it lower).</summary>
    public int PageSize { get; init; } = 200;

    public PlexResilienceOptions Resilience { get; init; } = new();
}
