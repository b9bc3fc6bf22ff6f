using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// 403 from a site → browser-like request headers on that agent's fetcher calls that send none. When the site answers
/// a browser-like request, the block is confirmed on its page. A lesson asking for pacing adds <c>sleep=</c> as well.
/// </summary>
public sealed class HttpForbiddenRule : IPlaybookRule
{
    public const string RuleName = "http-403-headers";

    public string Name => RuleName;

    public async Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        long forbidden = agent.HttpErrors(403);
        if (forbidden == 0)
        {
            return [];
        }

        var signatures = HttpSignatures.Covering(agent, 403);
        if (agent.Bundle is null)
        {
            return [RuleProposal.NotBuilt($"the bundle of {agent.Agent} is not in the Plug-ins folder", signatures)];
        }

        var calls = agent.Bundle.Files.SelectMany(FetchCall.FindAll).ToList();
        var bare = calls.Where(c => !c.Passes("headers")).ToList();
        if (bare.Count == 0)
        {
            return [RuleProposal.NotBuilt(calls.Count == 0
                ? "no HTML.ElementFromURL / HTTP.Request / JSON.ObjectFromURL / XML.ElementFromURL call found in the agent's code"
                : "every fetcher call already sends headers; the site refuses more than the User-Agent (cookies, a challenge page)", signatures)];
        }

        var pacing = context.PacingLesson();
        var rewrite = new SourceRewrite();
        foreach (var call in bare)
        {
            var arguments = new List<string> { "headers=" + BrowserHeaders.PythonDict };
            if (pacing is not null && !call.Passes("sleep"))
            {
                arguments.Add("sleep=" + RateLimitRule.DefaultSleep);
            }

            FetchCallEdit.AddArguments(rewrite, call, arguments);
        }

        var evidence = new List<FixEvidence>();
        evidence.AddRange(signatures.Select(id => new FixEvidence { Kind = "signature", Ref = id, Excerpt = agent.Signatures.First(s => s.Id == id).Example }));
        evidence.AddRange(agent.Log.Http(403).Take(2).Select(i => new FixEvidence { Kind = "log", Ref = i.Url, Excerpt = i.Excerpt }));
        evidence.AddRange(bare.Select(c => new FixEvidence { Kind = "code", Ref = $"{c.File.RelativePath}:{c.Line}", Excerpt = c.Text }));

        double confidence = 0.75;
        var url = agent.Log.Http(403).Select(i => i.Url).FirstOrDefault(u => u is not null);
        if (url is not null)
        {
            var page = await context.FetchAsync(url, BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false);
            if (page is { Status: >= 200 and < 300 })
            {
                confidence = 0.85;
                evidence.Add(new FixEvidence { Kind = "page", Ref = url, Excerpt = $"with browser-like headers the site answers {page.Status} (the agent got 403)" });
            }
            else if (page is not null)
            {
                confidence = 0.4;
                evidence.Add(new FixEvidence { Kind = "page", Ref = url, Excerpt = page.Error ?? $"with browser-like headers the site still answers {page.Status}" });
            }
        }

        var lessons = new List<string>();
        if (pacing is not null)
        {
            lessons.Add(pacing.Id);
            evidence.Add(new FixEvidence { Kind = "lesson", Ref = pacing.Id, Excerpt = pacing.Text });
        }

        var fix = new FixProposal
        {
            Id = FixIds.For(RuleName, agent.Agent),
            Title = pacing is null
                ? $"Send browser-like request headers from {FixIds.ShortName(agent.Agent)}"
                : $"Send browser-like request headers from {FixIds.ShortName(agent.Agent)} and pace its requests",
            Agents = [agent.Agent],
            RootCause = $"The site refuses the agent's requests (HTTP 403, {forbidden} records): {bare.Count} fetcher call(s) send the Framework's default User-Agent and no Accept-Language, which sites that block scripts reject.",
            Evidence = evidence,
            ExpectedVsObserved = new ExpectedVsObserved
            {
                Expected = "The site returns its search and detail pages and the agent matches the item.",
                Observed = $"HTTP Error 403: Forbidden on {agent.Per100(forbidden)} per 100 sessions; the searches end without results.",
                DivergencePoint = $"{bare[0].File.RelativePath}:{bare[0].Line}: {bare[0].Function} without headers=",
            },
            Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
            ExpectedResults =
            [
                new ExpectedResult { Metric = "http.403", Direction = ChangeDirection.Decrease, Target = 0, Note = "the site accepts browser-like requests" },
                new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase, Note = "searches reach the site's results" },
            ],
            SuccessIndicators = ["no 'HTTP Error 403' in the test window", "searches log matches again"],
            FailureIndicators =
            [
                "'HTTP Error 403' persists: the site checks more than headers (cookies, a challenge page)",
                "'HTTP Error 429' appears: the unblocked site rate-limits the agent",
            ],
            Contingency = pacing is null
                ? "If 429s appear, pace the requests (sleep= on the same calls) and honour Retry-After; if 403 persists, roll back and compare the site's answer to a browser's (cookies, Referer)."
                : "If 403 persists, roll back and compare the site's answer to a browser's (cookies, Referer); if 429s remain, lengthen the pause.",
            Priority = FixPriority.High,
            Confidence = confidence,
            LessonsApplied = lessons,
        };
        return [RuleProposal.For(fix, signatures)];
    }
}
