using System.Globalization;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// 429 (or <c>Retry-After</c>) from a site → pace the agent's requests with the Framework's <c>sleep=</c> argument
/// (a pause after each request); calls that already pause get twice the pause, at least the site's Retry-After.
/// </summary>
public sealed class RateLimitRule : IPlaybookRule
{
    public const string RuleName = "http-429-pacing";

    /// <summary>The pause after each request, in seconds, when the site says nothing better.</summary>
    public const string DefaultSleep = "0.5";

    public string Name => RuleName;

    public async Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        long limited = agent.HttpErrors(429);
        if (limited == 0)
        {
            return [];
        }

        var signatures = HttpSignatures.Covering(agent, 429);
        if (agent.Bundle is null)
        {
            return [RuleProposal.NotBuilt($"the bundle of {agent.Agent} is not in the Plug-ins folder", signatures)];
        }

        var evidence = new List<FixEvidence>();
        evidence.AddRange(signatures.Select(id => new FixEvidence { Kind = "signature", Ref = id, Excerpt = agent.Signatures.First(s => s.Id == id).Example }));
        evidence.AddRange(agent.Log.Http(429).Take(2).Select(i => new FixEvidence { Kind = "log", Ref = i.Url, Excerpt = i.Excerpt }));

        double? retryAfter = null;
        var url = agent.Log.Http(429).Select(i => i.Url).FirstOrDefault(u => u is not null);
        if (url is not null && await context.FetchAsync(url, BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false) is { } page
            && page.Headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value is { } value
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            retryAfter = seconds;
            evidence.Add(new FixEvidence { Kind = "page", Ref = url, Excerpt = $"the site answers {page.Status} with Retry-After: {value}" });
        }

        var calls = agent.Bundle.Files.SelectMany(FetchCall.FindAll).ToList();
        if (calls.Count == 0)
        {
            return [RuleProposal.NotBuilt("no HTML.ElementFromURL / HTTP.Request / JSON.ObjectFromURL / XML.ElementFromURL call found in the agent's code", signatures)];
        }

        var rewrite = new SourceRewrite();
        foreach (var call in calls)
        {
            var current = call.ValueOf("sleep");
            if (current is null)
            {
                FetchCallEdit.AddArguments(rewrite, call, ["sleep=" + DefaultSleep]);
            }
            else if (double.TryParse(current, NumberStyles.Float, CultureInfo.InvariantCulture, out var pause))
            {
                var longer = Math.Max(pause * 2, retryAfter ?? 0);
                FetchCallEdit.ReplaceValue(rewrite, call, "sleep", longer.ToString("0.0##", CultureInfo.InvariantCulture));
            }
        }

        if (rewrite.IsEmpty)
        {
            return [RuleProposal.NotBuilt("every fetcher call already pauses with a computed value; pace with a helper instead", signatures)];
        }

        var first = calls[0];
        var lessons = context.LessonsTagged("429", "pacing", "rate-limit");
        var fix = new FixProposal
        {
            Id = FixIds.For(RuleName, agent.Agent),
            Title = $"Pace {FixIds.ShortName(agent.Agent)}'s requests to the site's rate limit",
            Agents = [agent.Agent],
            RootCause = $"The site rate-limits the agent (HTTP 429, {limited} records): its requests for search and detail pages go out back to back.",
            Evidence = [.. evidence, .. calls.Select(c => new FixEvidence { Kind = "code", Ref = $"{c.File.RelativePath}:{c.Line}", Excerpt = c.Text })],
            ExpectedVsObserved = new ExpectedVsObserved
            {
                Expected = "Each request is answered; the agent stays under the site's request rate.",
                Observed = $"HTTP Error 429: Too Many Requests on {agent.Per100(limited)} per 100 sessions.",
                DivergencePoint = $"{first.File.RelativePath}:{first.Line}: {first.Function} without a pause between requests",
            },
            Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
            ExpectedResults =
            [
                new ExpectedResult { Metric = "http.429", Direction = ChangeDirection.Decrease, Target = 0, Note = "requests spaced out stay under the limit" },
                new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase, Note = "the sessions refused with 429 succeed" },
            ],
            SuccessIndicators = ["no 'HTTP Error 429' in the test window"],
            FailureIndicators = ["'HTTP Error 429' persists (the pause is too short)", "timeouts appear (refreshes take longer)"],
            Contingency = retryAfter is { } wait
                ? $"If 429 persists, lengthen the pause to the site's Retry-After ({wait.ToString(CultureInfo.InvariantCulture)} s)."
                : "If 429 persists, double the pause; honour the Retry-After header the site sends with its 429.",
            Priority = FixPriority.High,
            Confidence = 0.7,
            LessonsApplied = [.. lessons.Select(l => l.Id)],
        };
        return [RuleProposal.For(fix, signatures)];
    }
}
