using System.Globalization;
using System.Text;
using System.Text.Json;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Reports;

/// <summary>
/// What still fails, per agent, and why: each agent's failed sessions as last measured, the failure signatures the
/// last iteration's window logged for it, and what the last diagnosis made of each (a fix and its outcome, or why none).
/// </summary>
public static class RemainingFailures
{
    private const int SignaturesPerAgent = 3;

    public static string Render(LoopState state, string workDir)
    {
        ArgumentNullException.ThrowIfNull(state);
        var final = state.Final ?? state.Current;
        var last = LastIteration(workDir);
        var metrics = last is null ? null : TryReadMetrics(Path.Combine(last, "metrics.json"));
        var diagnosis = last is null ? null : DiagnosisFiles.Read(last);
        var sb = new StringBuilder();
        foreach (var (agent, rate) in final?.Agents ?? [])
        {
            if (rate.Started == rate.Succeeded)
            {
                continue;
            }

            sb.Append(CultureInfo.InvariantCulture, $"- still failing: {agent} — {rate.Started - rate.Succeeded} of {rate.Started} sessions failed ({SuccessChart.Percent(rate.Rate)} succeeded).\n");
            if (state.LeftFailing.FirstOrDefault(l => l.Agent == agent) is { } left)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  - why it is left failing: {left.Why}\n");
            }

            var signatures = (metrics?.Signatures ?? []).Where(s => s.Agents.Contains(agent, StringComparer.Ordinal)).OrderByDescending(s => s.Count).Take(SignaturesPerAgent).ToList();
            if (signatures.Count == 0)
            {
                sb.Append("  - no failure signature in the last iteration's window: the failures are sessions that never finished or gave no result.\n");
            }

            foreach (var signature in signatures)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  - {signature.Count}× `{signature.Id}` {signature.Text}: {Why(state, diagnosis, signature.Id)}\n");
            }
        }

        // Agents the loop left failing whose last measurement is not in the final figures (never re-measured).
        foreach (var left in state.LeftFailing.Where(l => !(final?.Agents.TryGetValue(l.Agent, out var r) == true && r.Started > r.Succeeded)))
        {
            sb.Append(CultureInfo.InvariantCulture, $"- still failing: {left.Agent} ({left.Succeeded}/{left.Started} succeeded when last measured) — {left.Why}\n");
        }

        return sb.ToString();
    }

    private static string Why(LoopState state, DiagnosticReport? diagnosis, string signatureId)
    {
        if (diagnosis?.Uncovered.FirstOrDefault(u => u.SignatureId == signatureId) is { } uncovered)
        {
            return "no fix — " + uncovered.Reason;
        }

        var proposed = diagnosis?.Fixes.Where(f => f.Evidence.Any(e => e.Ref == signatureId)).Select(f => f.Id).ToList() ?? [];
        var tried = state.Fixes.Where(f => proposed.Contains(f.Id, StringComparer.Ordinal)).Select(f => $"{f.Id} {LoopCoordinator.Status(f.Status)}").ToList();
        return tried.Count > 0 ? "addressed by " + string.Join(", ", tried) : "not diagnosed in the last iteration";
    }

    private static string? LastIteration(string workDir)
    {
        var iterations = new WorkFolder(workDir).Iterations();
        return iterations.Count == 0 ? null : new WorkFolder(workDir).IterationPath(iterations.Max());
    }

    private static MetricsDocument? TryReadMetrics(string path)
    {
        try
        {
            return File.Exists(path) ? MetricsJson.Read(path) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or PlexImproveException)
        {
            return null;
        }
    }
}
