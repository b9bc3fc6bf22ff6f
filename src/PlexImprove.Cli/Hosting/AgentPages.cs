using PlexImprove.Agent.Sites;

namespace PlexImprove.Cli.Hosting;

/// <summary>
/// The one page fetcher of a command: against a Plex in a box (the configured Plex answers <c>GET /:/plexbox/sites</c>)
/// the box's fake sites; against a real Plex, or a box on the real network, the real sites through the allowlist
/// (the hosts the agents' code names plus <c>Agent:SiteHosts</c>).
/// </summary>
public static class AgentPages
{
    /// <param name="context">Settings and secrets (Plex:Url, PLEX_TOKEN, Agent:SiteHosts).</param>
    /// <param name="pluginsDir">The Plug-ins folder whose agents' code names the allowed sites.</param>
    /// <param name="url">The <c>--url</c> option; null uses Plex:Url.</param>
    /// <param name="cancellationToken">Cancels the question to Plex.</param>
    public static async Task<PageFetcher> CreateAsync(CliContext context, string pluginsDir, string? url, CancellationToken cancellationToken) =>
        Create(context, pluginsDir, await RoutesAsync(context, url, cancellationToken).ConfigureAwait(false));

    /// <summary>Where the agents' sites are for the configured Plex (asked once, said once on stderr).</summary>
    public static async Task<SiteRoutes> RoutesAsync(CliContext context, string? url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string address = string.IsNullOrWhiteSpace(url) ? context.Settings.Plex.Url : url;
        var routes = await SiteRoutesProbe.ProbeAsync(address, context.Secrets.PlexToken, cancellationToken).ConfigureAwait(false);
        context.Error.WriteLine("Agent sites: " + routes.Description + ".");
        return routes;
    }

    /// <summary>The page fetcher on <paramref name="routes"/>, allowed the sites the agents' code names.</summary>
    public static PageFetcher Create(CliContext context, string pluginsDir, SiteRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PageFetcher(PageFetcherOptions.For(routes, new SiteAllowlist(pluginsDir, context.Settings.Agent.SiteHosts)));
    }
}
