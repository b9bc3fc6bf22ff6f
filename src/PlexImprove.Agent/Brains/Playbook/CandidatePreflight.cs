using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Preflight;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>Runs one candidate fix of the playbook on the agent's failing items from the diagnosis' sessions.</summary>
internal static class CandidatePreflight
{
    /// <summary>The pre-flight of <paramref name="fix"/> on <paramref name="agent"/>; null for a fix without a patch.</summary>
    public static async Task<PreflightResult?> RunAsync(IFixPreflight preflight, FixProposal fix, string agent, DiagnosisRequest request, CancellationToken ct)
    {
        if (fix.Patch is null)
        {
            return null;
        }

        var items = FailingItems.Find(request.LogsDir, agent, request.Aggregation.Sessions, preflight.MaxItems, ct);
        return await preflight.RunAsync(new PreflightRequest { Fix = fix, Agent = agent, Items = items }, ct).ConfigureAwait(false);
    }
}
