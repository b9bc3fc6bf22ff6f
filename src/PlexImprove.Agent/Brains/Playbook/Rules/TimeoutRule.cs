using System.Globalization;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>Timeouts → a longer <c>timeout=</c> (at least <see cref="MinimumSeconds"/>) and a pause between requests on the agent's fetcher calls.</summary>
public sealed class TimeoutRule : IPlaybookRule
{
    public const string RuleName = "timeout-longer";

    /// <summary>The shortest timeout the rule leaves in place, in seconds.</summary>
    public const double MinimumSeconds = 60;

    public string Name => RuleName;

    public Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        long timeouts = agent.Counts.Timeouts;
        if (timeouts == 0)
        {
            return Task.FromResult<IReadOnlyList<RuleProposal>>([]);
        }

        var signatures = agent.SignaturesOf("timeout").Select(s => s.Id).ToList();
        if (agent.Bundle is null)
        {
            return Task.FromResult<IReadOnlyList<RuleProposal>>([RuleProposal.NotBuilt($"the bundle of {agent.Agent} is not in the Plug-ins folder", signatures)]);
        }

        var calls = agent.Bundle.Files.SelectMany(FetchCall.FindAll).ToList();
        var rewrite = new SourceRewrite();
        var minimum = MinimumSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        foreach (var call in calls)
        {
            var arguments = new List<string>();
            var current = call.ValueOf("timeout");
            if (current is null)
            {
                arguments.Add("timeout=" + minimum);
            }
            else if (double.TryParse(current, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                if (seconds < MinimumSeconds)
                {
                    FetchCallEdit.ReplaceValue(rewrite, call, "timeout", Math.Max(MinimumSeconds, seconds * 2).ToString("0.0", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                FetchCallEdit.ReplaceValue(rewrite, call, "timeout", $"max({minimum}, {current})");
            }

            if (!call.Passes("sleep"))
            {
                arguments.Add("sleep=" + RateLimitRule.DefaultSleep);
            }

            FetchCallEdit.AddArguments(rewrite, call, arguments);
        }

        if (rewrite.IsEmpty)
        {
            return Task.FromResult<IReadOnlyList<RuleProposal>>([RuleProposal.NotBuilt(calls.Count == 0
                ? "no fetcher call found in the agent's code"
                : "every fetcher call already waits long and pauses; the site is down or unreachable", signatures)]);
        }

        var first = calls[0];
        var fix = new FixProposal
        {
            Id = FixIds.For(RuleName, agent.Agent),
            Title = $"Give {FixIds.ShortName(agent.Agent)}'s requests a longer timeout and a pause",
            Agents = [agent.Agent],
            RootCause = $"Requests to the site time out ({timeouts} records): the site answers slowly, and requests sent back to back make it slower.",
            Evidence =
            [
                .. agent.SignaturesOf("timeout").Take(3).Select(s => new FixEvidence { Kind = "signature", Ref = s.Id, Excerpt = s.Example }),
                .. agent.Log.OfKind("timeout").Take(2).Select(i => new FixEvidence { Kind = "log", Ref = i.Url, Excerpt = i.Excerpt }),
                .. calls.Select(c => new FixEvidence { Kind = "code", Ref = $"{c.File.RelativePath}:{c.Line}", Excerpt = c.Text }),
            ],
            ExpectedVsObserved = new ExpectedVsObserved
            {
                Expected = "The site's answer arrives before the agent gives up.",
                Observed = $"'timed out' on {agent.Per100(timeouts)} per 100 sessions.",
                DivergencePoint = $"{first.File.RelativePath}:{first.Line}: {first.Function} with a short or default timeout",
            },
            Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
            ExpectedResults =
            [
                new ExpectedResult { Metric = "timeouts", Direction = ChangeDirection.Decrease, Target = 0, Note = "answers arrive within the longer timeout" },
                new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase },
            ],
            SuccessIndicators = ["no 'timed out' in the test window"],
            FailureIndicators = ["timeouts persist: the site is down or blocks the agent"],
            Contingency = "If timeouts persist, check that the site is up from this machine (fetch_page); if it is down, no code change helps.",
            Priority = FixPriority.Medium,
            Confidence = 0.5,
        };
        return Task.FromResult<IReadOnlyList<RuleProposal>>([RuleProposal.For(fix, signatures)]);
    }
}
