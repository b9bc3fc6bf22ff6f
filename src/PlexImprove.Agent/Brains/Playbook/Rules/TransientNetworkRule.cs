using PlexImprove.Agent.Brains.Playbook.Network;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// Requests that fail now and then (5xx answers, connections reset or dropped, failed TLS handshakes, a name that
/// resolves at other times) while other requests to the same host are answered → every fetcher call of the agent goes
/// through a retry with a doubling pause (<see cref="RetryWrapper"/>), unless the agent already retries.
/// </summary>
public sealed class TransientNetworkRule : IPlaybookRule
{
    public const string RuleName = "network-retry";

    public string Name => RuleName;

    public async Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        var network = NetworkLogScan.For(agent, context, cancellationToken);
        var transient = new List<NetworkFailure>();
        foreach (var failure in network.Failures)
        {
            if (failure.Host is null)
            {
                continue;
            }

            // A host that never answered is gone or blocked, not flaky; one that answers the same URL from here is flaky.
            bool intermittent = network.EverAnswered(failure.Host)
                || (failure.Kind is NetworkFailureKind.ServerError or NetworkFailureKind.Reset or NetworkFailureKind.Tls && await AnswersNowAsync(failure.Url, context, cancellationToken).ConfigureAwait(false));
            if (intermittent)
            {
                transient.Add(failure);
            }
        }

        if (transient.Count == 0)
        {
            return [];
        }

        var signatures = agent.Signatures
            .Where(s => NetworkLogScan.Classify(s.Text) is not null || NetworkLogScan.Classify(s.Example) is not null
                || (s.Kind == "http" && s.Text.Contains("Error opening URL", StringComparison.Ordinal) && !s.Text.Contains("HTTP Error 4", StringComparison.Ordinal)))
            .Select(s => s.Id).ToList();
        if (agent.Bundle is null)
        {
            return [RuleProposal.NotBuilt($"the bundle of {agent.Agent} is not in the Plug-ins folder", signatures)];
        }

        var calls = agent.Bundle.Files.SelectMany(FetchCall.FindAll).Where(c => !IsWrapped(c)).ToList();
        if (calls.Count == 0)
        {
            return [RuleProposal.NotBuilt("no fetcher call left without a retry in the agent's code", signatures)];
        }

        var rewrite = new SourceRewrite();
        foreach (var file in calls.Select(c => c.File).Distinct())
        {
            if (!file.Text.Contains("def " + RetryWrapper.FunctionName + "(", StringComparison.Ordinal))
            {
                rewrite.Insert(file, RetryWrapper.InsertionPoint(file.Text), RetryWrapper.Definition(file.Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n"));
            }
        }

        foreach (var call in calls)
        {
            int open = call.File.Text.IndexOf('(', call.Start);
            rewrite.Replace(call.File, call.Start, open + 1, $"{RetryWrapper.FunctionName}({call.Function}, ");
        }

        var kinds = transient.Select(f => f.Kind).Distinct().ToList();
        var hosts = transient.Select(f => f.Host!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var answered = string.Join(", ", hosts.Select(h => $"{h}: {network.RequestsTo(h) - network.UnopenedAt(h)} of {network.RequestsTo(h)} answered"));
        var first = calls[0];
        var fix = new FixProposal
        {
            Id = FixIds.For(RuleName, agent.Agent),
            Title = $"Retry {FixIds.ShortName(agent.Agent)}'s requests after transient network failures",
            Agents = [agent.Agent],
            RootCause = $"Requests fail now and then ({string.Join(", ", kinds.Select(Describe))}; {transient.Count} record(s)) while other requests to the same site are answered ({answered}); the agent gives up on the first failure.",
            Evidence =
            [
                .. transient.Take(3).Select(f => new FixEvidence { Kind = "log", Ref = f.Url, Excerpt = f.Excerpt }),
                .. calls.Take(4).Select(c => new FixEvidence { Kind = "code", Ref = $"{c.File.RelativePath}:{c.Line}", Excerpt = c.Text }),
            ],
            ExpectedVsObserved = new ExpectedVsObserved
            {
                Expected = "A request that fails once is answered when tried again a moment later.",
                Observed = $"{transient.Count} request(s) failed with {string.Join(" / ", kinds.Select(Describe))}; each failed session ended at the first failure.",
                DivergencePoint = $"{first.File.RelativePath}:{first.Line}: {first.Function} called once, with no retry",
            },
            Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
            ExpectedResults =
            [
                new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase, Note = "sessions that met a transient failure succeed on a retry" },
            ],
            SuccessIndicators = ["'Retrying after a transient failure' followed by a match", "no session ends on a 5xx or a reset connection"],
            FailureIndicators = ["the same failure on every attempt: the site is down, not flaky", "HTTP Error 429 appears: the retries push the site over its rate limit"],
            Contingency = "If failures persist on every attempt, the site is down or blocks the agent: check it from this machine (fetch_page). If 429s appear, pace the requests (sleep=).",
            Priority = FixPriority.High,
            Confidence = 0.65,
        };
        return [RuleProposal.For(fix, signatures)];
    }

    private static bool IsWrapped(FetchCall call)
    {
        var before = call.File.Text[..call.Start].TrimEnd();
        return before.EndsWith(RetryWrapper.FunctionName + "(", StringComparison.Ordinal);
    }

    private static async Task<bool> AnswersNowAsync(string? url, PlaybookContext context, CancellationToken cancellationToken) =>
        url is not null && await context.FetchAsync(url, BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false) is { Status: >= 200 and < 400 };

    private static string Describe(NetworkFailureKind kind) => kind switch
    {
        NetworkFailureKind.ServerError => "5xx answers",
        NetworkFailureKind.Reset => "connections reset or dropped",
        NetworkFailureKind.Tls => "failed TLS handshakes",
        NetworkFailureKind.Dns => "names that did not resolve",
        _ => "connections refused",
    };
}
