using PlexImprove.Agent.Brains.Playbook.Network;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// Recognises failures no change to the agent's code can cure from here, and says so instead of patching: a site behind
/// a browser-verification challenge or a login wall (seen on the page the site serves for the URL the agent failed on,
/// fetched with a browser's headers), and a site gone (every request to its host failed to resolve or was refused, and
/// it does not answer from this machine either). The brain then reports the agent as not fixable offline.
/// </summary>
public sealed class OutOfReachRule : IPlaybookRule
{
    public const string RuleName = "offline-out-of-reach";

    /// <summary>Failed requests, none answered, before a host is called gone on the log alone (no page fetcher).</summary>
    public const int GoneAfterRequests = 3;

    private static readonly int[] BlockedStatuses = [401, 403, 429, 503];

    public string Name => RuleName;

    public async Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        var signatures = agent.Signatures.Select(s => s.Id).ToList();
        var blockedUrls = BlockedStatuses.SelectMany(s => agent.Log.Http(s)).Select(i => i.Url).OfType<string>().Distinct(StringComparer.Ordinal).Take(2).ToList();
        foreach (var url in blockedUrls)
        {
            if (await context.FetchAsync(url, BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false) is { } served && BlockingPage.Describe(served) is { } blocking)
            {
                var incident = BlockedStatuses.SelectMany(s => agent.Log.Http(s)).First(i => i.Url == url);
                return [RuleProposal.Unfixable(new OutOfReachAgent
                {
                    Agent = agent.Agent,
                    Reason = $"{served.Url.Host} serves {blocking} to every client, browser-like headers included; only a real browser (or an account) gets past it. Use another metadata source for these items, or a site API that does not sit behind it.",
                    Evidence =
                    [
                        new FixEvidence { Kind = "log", Ref = url, Excerpt = incident.Excerpt },
                        new FixEvidence { Kind = "page", Ref = url, Excerpt = $"with browser-like headers: HTTP {served.Status}, {Title(served.Body) ?? "no title"}" },
                    ],
                }, signatures)];
            }
        }

        var network = NetworkLogScan.For(agent, context, cancellationToken);
        var unreachable = network.Failures.Where(f => f.Kind is NetworkFailureKind.Dns or NetworkFailureKind.Refused && f.Host is not null).ToList();
        var host = network.Hosts.FirstOrDefault();
        if (host is null || !unreachable.Any(f => string.Equals(f.Host, host, StringComparison.OrdinalIgnoreCase)) || network.EverAnswered(host))
        {
            return [];
        }

        var failure = unreachable.First(f => string.Equals(f.Host, host, StringComparison.OrdinalIgnoreCase));
        var evidence = new List<FixEvidence>
        {
            new() { Kind = "log", Ref = failure.Url, Excerpt = failure.Excerpt },
            new() { Kind = "log", Ref = host, Excerpt = $"{network.RequestsTo(host)} request(s) to {host}, {network.UnopenedAt(host)} not opened, none answered" },
        };
        var page = failure.Url is null ? null : await context.FetchAsync(failure.Url, BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false);
        if (page is { Status: > 0 })
        {
            return []; // It answers from here: a local network problem of the server, or an intermittent one, not a site gone.
        }

        if (page is null && network.UnopenedAt(host) < GoneAfterRequests)
        {
            return [];
        }

        if (page is not null)
        {
            evidence.Add(new FixEvidence { Kind = "page", Ref = failure.Url, Excerpt = page.Error ?? "no answer" });
        }

        var how = failure.Kind == NetworkFailureKind.Dns ? "its name no longer resolves" : "every connection to it is refused";
        return [RuleProposal.Unfixable(new OutOfReachAgent
        {
            Agent = agent.Agent,
            Reason = $"the site {host} is gone: {how} ({network.UnopenedAt(host)} of {network.RequestsTo(host)} request(s) failed, none answered){(page is null ? "" : ", and it does not answer from this machine either")}. Point the agent at the site's new address if it moved, or retire it.",
            Evidence = evidence,
        }, signatures)];
    }

    private static string? Title(string body)
    {
        int start = body.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
        int end = start < 0 ? -1 : body.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
        return end > start ? "title '" + body[(start + 7)..end].Trim() + "'" : null;
    }
}
