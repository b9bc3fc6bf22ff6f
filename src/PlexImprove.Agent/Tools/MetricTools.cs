using System.ComponentModel;
using Microsoft.SemanticKernel;
using PlexImprove.Core.Comparison;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Agent.Tools;

/// <summary>Before vs after on the metrics, per 100 sessions (the windows differ in length).</summary>
internal sealed class MetricTools
{
    private readonly ToolRuntime _runtime;

    public MetricTools(ToolRuntime runtime) => _runtime = runtime;

    [KernelFunction(ToolNames.CompareMetrics)]
    [Description("Compares two metrics documents (a baseline and an after, for example iteration_1/metrics.json and the logs now): every counter, HTTP status and exception per 100 sessions, signatures that grew, shrank or are new, and critical results (load failures, new exception types). The KEEP/MONITOR/ROLLBACK decision needs an active test of the same items, not these counts.")]
    public Task<string> CompareMetricsAsync(
        [Description("The baseline metrics JSON, relative to the work folder (for example iteration_1/metrics.json).")] string baseline,
        [Description("The after metrics JSON, relative to the work folder. Empty: aggregate the plugin logs now (see 'since').")] string? after = null,
        [Description("With 'after' empty: only log records at or after this local time (YYYY-MM-DD HH:MM:SS), for example the restart time.")] string? since = null,
        [Description("Only this agent (identifier or last part). Empty: the totals of every agent.")] string? agent = null,
        CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            var before = MetricsJson.Read(ToolRuntime.ExistingFile(_runtime.Work, baseline));
            var now = string.IsNullOrWhiteSpace(after)
                ? _runtime.Aggregate(null, since, null, sessions: false, cancellationToken).Metrics
                : MetricsJson.Read(ToolRuntime.ExistingFile(_runtime.Work, after));
            var result = MetricComparer.Compare(new ComparisonInput
            {
                Items = [],
                BaselineCounts = CountsOf(before, agent),
                AfterCounts = CountsOf(now, agent),
                BaselineSignatures = SignaturesOf(before, agent),
                AfterSignatures = SignaturesOf(now, agent),
            });
            var cap = _runtime.Limits.MaxItems;
            return ToolOutput.Json(new
            {
                Agent = string.IsNullOrWhiteSpace(agent) ? "all agents" : agent,
                SessionsBefore = CountsOf(before, agent).Started,
                SessionsAfter = CountsOf(now, agent).Started,
                SuccessRateBefore = CountsOf(before, agent).SuccessRate,
                SuccessRateAfter = CountsOf(now, agent).SuccessRate,
                Counters = result.Counters.Where(c => c.Before != 0 || c.After != 0).ToList(),
                result.HttpErrors,
                result.Exceptions,
                NewSignatures = result.NewSignatures.Take(cap).ToList(),
                Signatures = result.Signatures.Where(s => !s.IsNew).OrderByDescending(s => Math.Abs(s.Counts.DeltaPer100 ?? 0)).Take(cap).ToList(),
                result.Critical,
                Note = "Counts per 100 sessions started in each window. A drop in an error count alone proves nothing: judge a fix on the same items after a restart (active test).",
            });
        }, cancellationToken);

    private static Counts CountsOf(MetricsDocument metrics, string? agent)
    {
        if (string.IsNullOrWhiteSpace(agent))
        {
            return metrics.Totals;
        }

        var key = metrics.Agents.Keys.FirstOrDefault(k => Matches(k, agent))
            ?? throw new InvalidInputException($"The metrics have no agent '{agent}'. Agents there: {(metrics.Agents.Count == 0 ? "none" : string.Join(", ", metrics.Agents.Keys))}.");
        return metrics.Agents[key];
    }

    private static IReadOnlyList<Core.Signatures.SignatureSummary> SignaturesOf(MetricsDocument metrics, string? agent) =>
        string.IsNullOrWhiteSpace(agent) ? metrics.Signatures : [.. metrics.Signatures.Where(s => s.Agents.Any(a => Matches(a, agent)))];

    private static bool Matches(string identifier, string wanted) =>
        string.Equals(identifier, wanted.Trim(), StringComparison.Ordinal) || identifier.EndsWith("." + wanted.Trim(), StringComparison.OrdinalIgnoreCase);
}
