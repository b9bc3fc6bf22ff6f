using PlexImprove.Agent.Brains.Playbook.Network;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// Every HTTPS request to a host fails in the TLS handshake (the Python 2.7 runtime's old TLS stack cannot speak what
/// the site now requires), while the same page answers over plain HTTP from here → the agent's <c>https://host</c>
/// addresses become <c>http://host</c>. Metadata pages only: the change is stated in the fix so an admin can refuse it.
/// </summary>
public sealed class TlsFallbackRule : IPlaybookRule
{
    public const string RuleName = "tls-plain-http";

    public string Name => RuleName;

    public async Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        var network = NetworkLogScan.For(agent, context, cancellationToken);
        var failure = network.OfKind(NetworkFailureKind.Tls)
            .FirstOrDefault(f => f.Host is not null && f.Url!.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !network.EverAnswered(f.Host));
        if (failure is null)
        {
            return [];
        }

        var signatures = agent.Signatures.Where(s => NetworkLogScan.Classify(s.Text) == NetworkFailureKind.Tls || NetworkLogScan.Classify(s.Example) == NetworkFailureKind.Tls).Select(s => s.Id).ToList();
        if (agent.Bundle is null)
        {
            return [RuleProposal.NotBuilt($"the bundle of {agent.Agent} is not in the Plug-ins folder", signatures)];
        }

        var plainUrl = "http://" + failure.Url!["https://".Length..];
        var plain = await context.FetchAsync(plainUrl, BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false);
        if (plain is not { Status: >= 200 and < 300 })
        {
            return [RuleProposal.NotBuilt($"{plainUrl} does not answer over plain HTTP from here ({plain?.Error ?? plain?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no page fetcher"}); the handshake needs a newer TLS stack than Python 2.7's", signatures)];
        }

        var secure = "https://" + failure.Host;
        var rewrite = new SourceRewrite();
        var touched = new List<FixEvidence>();
        foreach (var file in agent.Bundle.Files)
        {
            for (int at = file.Text.IndexOf(secure, StringComparison.OrdinalIgnoreCase); at >= 0; at = file.Text.IndexOf(secure, at + secure.Length, StringComparison.OrdinalIgnoreCase))
            {
                rewrite.Replace(file, at, at + "https".Length, "http");
                touched.Add(new FixEvidence { Kind = "code", Ref = $"{file.RelativePath}:{file.LineOf(at)}", Excerpt = file.Line(file.LineOf(at)).Trim() });
            }
        }

        if (rewrite.IsEmpty)
        {
            return [RuleProposal.NotBuilt($"no '{secure}' address in the agent's code to change", signatures)];
        }

        var fix = new FixProposal
        {
            Id = FixIds.For(RuleName, agent.Agent),
            Title = $"Reach {failure.Host} over plain HTTP from {FixIds.ShortName(agent.Agent)}",
            Agents = [agent.Agent],
            RootCause = $"Every HTTPS request to {failure.Host} fails in the TLS handshake ({network.UnopenedAt(failure.Host!)} of {network.RequestsTo(failure.Host!)} not opened): the Python 2.7 runtime cannot negotiate the TLS the site requires, while the site still serves the same page over HTTP.",
            Evidence =
            [
                new FixEvidence { Kind = "log", Ref = failure.Url, Excerpt = failure.Excerpt },
                new FixEvidence { Kind = "page", Ref = plainUrl, Excerpt = $"answers {plain.Status} over plain HTTP" },
                .. touched,
            ],
            ExpectedVsObserved = new ExpectedVsObserved
            {
                Expected = "The agent's requests reach the site and return its pages.",
                Observed = $"TLS handshake failures on every request to {failure.Host}.",
                DivergencePoint = $"{touched[0].Ref}: the address uses https://",
            },
            Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
            ExpectedResults = [new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase, Note = "requests over HTTP are answered" }],
            SuccessIndicators = ["no SSL error in the test window"],
            FailureIndicators = ["the site redirects HTTP to HTTPS: the handshake fails again"],
            Contingency = "If the site redirects to HTTPS, no offline change helps: the agent needs a Plex whose runtime has a newer TLS stack.",
            Priority = FixPriority.Medium,
            Confidence = 0.5,
        };
        return [RuleProposal.For(fix, signatures)];
    }
}
