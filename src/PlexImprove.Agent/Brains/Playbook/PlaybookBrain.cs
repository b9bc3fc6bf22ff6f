using System.Security.Cryptography;
using System.Text;
using PlexImprove.Agent.Brains.Playbook.Rules;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Reflection;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// The offline brain: rules over evidence (the metrics, the agent's log and code, the pages its sites serve) that
/// build concrete patches where they recognise a failure's shape, and reflection rules over measured outcomes.
/// It knows no scenario: every fix is derived from what the logs, the code and the pages show.
/// </summary>
public sealed class PlaybookBrain : IBrain
{
    public const string BrainName = "playbook";

    private readonly PlaybookBrainOptions _options;
    private readonly IReadOnlyList<IPlaybookRule> _rules;

    public PlaybookBrain(PlaybookBrainOptions? options = null, IEnumerable<IPlaybookRule>? rules = null)
    {
        _options = options ?? new PlaybookBrainOptions();
        _rules = rules?.ToList() ?? DefaultRules();
    }

    public string Name => BrainName;

    /// <summary>The rules in the order they are consulted.</summary>
    public IReadOnlyList<IPlaybookRule> Rules => _rules;

    public static IReadOnlyList<IPlaybookRule> DefaultRules() =>
    [
        new LoaderRewriteRule(),
        new OutOfReachRule(),
        new HttpForbiddenRule(),
        new RateLimitRule(),
        new TimeoutRule(),
        new SelectorHealingRule(),
        new TitleTypographyRule(),
        new MovedSearchRule(),
        new TransientNetworkRule(),
        new TlsFallbackRule(),
        new TextEncodingRule(),
        new JsonFieldRule(),
    ];

    public async Task<DiagnosticReport> DiagnoseAsync(DiagnosisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = new PlaybookContext(request, _options);
        var metrics = request.Aggregation.Metrics;
        var agents = request.Agents.Count > 0
            ? [.. AgentNames.Resolve(request.Agents, metrics.Agents.Keys)]
            : metrics.Agents.Where(a => HasFailures(a.Value)).Select(a => a.Key).ToList();

        var fixes = new List<FixProposal>();
        var uncovered = new List<UncoveredSignature>();
        var outOfReach = new List<OutOfReachAgent>();
        foreach (var agent in agents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!metrics.Agents.TryGetValue(agent, out var counts))
            {
                context.Note($"{agent}: no log records in the window; nothing to diagnose.");
                continue;
            }

            var evidence = new AgentEvidence
            {
                Agent = agent,
                Counts = counts,
                Signatures = [.. metrics.Signatures.Where(s => s.Agents.Contains(agent, StringComparer.Ordinal) && !IsNoise(s.Text)).OrderByDescending(s => s.Count)],
                Log = AgentLogScan.Read(request.LogsDir, agent, cancellationToken, metrics.Window.Since, metrics.Window.Until, AgentLogScan.WantedFor(counts)),
                Bundle = AgentBundle.Find(request.PluginsDir, agent),
                Sessions = [.. request.Aggregation.Sessions.Where(s => s.Agent == agent)],
            };
            if (evidence.Bundle is null)
            {
                context.Note($"{agent}: its bundle was not found in the Plug-ins folder; no patch can be built for it.");
            }

            var covered = new HashSet<string>(StringComparer.Ordinal);
            var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var rule in _rules)
            {
                var proposals = await rule.ProposeAsync(evidence, context, cancellationToken).ConfigureAwait(false);
                if (proposals.FirstOrDefault(p => p.OutOfReach is not null) is { OutOfReach: { } unreachable })
                {
                    // No patch can cure it: every signature of the agent is explained by it, and no other rule is tried.
                    outOfReach.Add(unreachable);
                    foreach (var signature in evidence.Signatures)
                    {
                        reasons[signature.Id] = $"{rule.Name}: not fixable offline: {unreachable.Reason}";
                    }

                    break;
                }


                // Candidates for the same signatures are alternatives: with a pre-flight, the first that makes a
                // failing item match is proposed; one that makes none is reported with its pre-flight, never proposed.
                foreach (var candidates in proposals.GroupBy(p => string.Join(",", p.SignatureIds.Order(StringComparer.Ordinal))))
                {
                    string? refused = null;
                    foreach (var proposal in candidates)
                    {
                        if (proposal.Fix is { } fix && SkipAttempted(fix, request, context) is { } kept)
                        {
                            if (request.Preflight is { } preflight && await CandidatePreflight.RunAsync(preflight, kept, agent, request, cancellationToken).ConfigureAwait(false) is { } result)
                            {
                                kept.Preflight = result;
                                if (!result.Allows)
                                {
                                    refused ??= $"candidate {kept.Id} was run before proposing it and refused, {result.Summary}";
                                    context.Note($"{kept.Id}: {result.Summary}; not proposed.");
                                    continue;
                                }
                            }

                            fixes.Add(kept);
                            covered.UnionWith(proposal.SignatureIds);
                            if (request.Preflight is not null)
                            {
                                break;
                            }
                        }
                        else if (proposal.Reason is { } reason)
                        {
                            foreach (var id in proposal.SignatureIds)
                            {
                                reasons.TryAdd(id, $"{rule.Name}: {reason}");
                            }
                        }
                    }

                    if (refused is not null)
                    {
                        foreach (var id in candidates.SelectMany(c => c.SignatureIds))
                        {
                            reasons[id] = $"{rule.Name}: {refused}";
                        }
                    }
                }
            }

            foreach (var signature in evidence.Signatures.Where(s => !covered.Contains(s.Id)))
            {
                uncovered.Add(new UncoveredSignature
                {
                    SignatureId = signature.Id,
                    Text = signature.Text,
                    Reason = reasons.GetValueOrDefault(signature.Id) ?? $"no playbook rule recognises this {signature.Kind} failure",
                });
            }
        }

        return new DiagnosticReport
        {
            Brain = Name,
            CreatedAt = _options.Time.GetLocalNow(),
            Agents = agents,
            Fixes = [.. fixes.OrderBy(f => f.Priority).ThenByDescending(f => f.Confidence)],
            Uncovered = uncovered,
            OutOfReach = outOfReach,
            Notes = context.Notes,
        };
    }

    public Task<IReadOnlyList<LessonOperation>> ReflectAsync(ReflectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(PlaybookReflection.Reflect(request));
    }

    /// <summary>A hash of a patch's content, to tell whether a fix already attempted would change anything now.</summary>
    public static string PatchHash(ProposedPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return Convert.ToHexStringLower(SHA256.HashData(PatchBytes.From(patch).Span));
    }

    private static FixProposal? SkipAttempted(FixProposal fix, DiagnosisRequest request, PlaybookContext context)
    {
        var earlier = request.Attempted.Where(a => a.FixId == fix.Id || a.FixId.StartsWith(fix.Id + "-i", StringComparison.Ordinal)).ToList();
        if (earlier.Count == 0)
        {
            return fix;
        }

        var hash = fix.Patch is null ? null : PatchHash(fix.Patch);
        if (earlier.Any(a => a.PatchHash is not null && string.Equals(a.PatchHash, hash, StringComparison.OrdinalIgnoreCase)))
        {
            context.Note($"{fix.Id}: the same change was already attempted in this run ({earlier[^1].Status}); not proposed again.");
            return null;
        }

        // The evidence changed (the code or the pages differ): propose again under a new id.
        return new FixProposal
        {
            Id = fix.Id + "-i" + request.Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Title = fix.Title,
            Agents = fix.Agents,
            RootCause = fix.RootCause,
            Evidence = fix.Evidence,
            ExpectedVsObserved = fix.ExpectedVsObserved,
            Patch = fix.Patch,
            ExpectedResults = fix.ExpectedResults,
            SuccessIndicators = fix.SuccessIndicators,
            FailureIndicators = fix.FailureIndicators,
            Contingency = fix.Contingency,
            Priority = fix.Priority,
            Confidence = fix.Confidence,
            LessonsApplied = fix.LessonsApplied,
        };
    }

    private static bool HasFailures(Counts counts) =>
        counts.Started > counts.Succeeded || counts.LoadFailures > 0 || counts.HttpErrors.Count > 0 || counts.Exceptions.Count > 0;

    private static bool IsNoise(string text) => text.Contains("resourceHashes", StringComparison.Ordinal) || text.Contains("resource hashes", StringComparison.Ordinal);
}
