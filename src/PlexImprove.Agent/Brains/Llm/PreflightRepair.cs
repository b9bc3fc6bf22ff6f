using System.Text;
using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Preflight;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Agent.Brains.Llm;

/// <summary>
/// The LLM brain's pre-flight: runs each proposed patch on the failing items, tells the model what the patched agent
/// did when a patch made none match (outcomes, tracebacks), and after the repair rounds keeps only fixes that ran
/// with a match (or could not be run). Each patch runs once, however often the model repeats it.
/// </summary>
internal sealed class PreflightRepair
{
    private readonly IFixPreflight _preflight;
    private readonly DiagnosisRequest _request;
    private readonly Dictionary<string, PreflightResult?> _byPatch = new(StringComparer.Ordinal);

    public PreflightRepair(IFixPreflight preflight, DiagnosisRequest request)
    {
        _preflight = preflight;
        _request = request;
    }

    /// <summary>What to tell the model about the fixes that made no failing item match; null when every fix passes.</summary>
    public async Task<string?> FeedbackAsync(IReadOnlyList<FixProposal>? fixes, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var fix in fixes ?? [])
        {
            if (await RunAsync(fix, ct).ConfigureAwait(false) is { Allows: false } result)
            {
                text.Append("Fix ").Append(fix.Id).Append(" was run before reaching Plex on a copy of the bundle: ").Append(result.Summary).Append('\n');
                if (result.Error is { } error)
                {
                    text.Append("  error: ").Append(error).Append('\n');
                }

                foreach (var item in result.Items)
                {
                    text.Append("  item '").Append(item.Item.Name).Append("' (year ").Append(item.Item.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")
                        .Append("): ").Append(item.Outcome.ToString()).Append(", ").Append(item.Results).Append(" search result(s)")
                        .Append(item.BestScore is { } score ? $", best score {score}" : "").Append('\n');
                }

                foreach (var traceback in result.Tracebacks)
                {
                    text.Append("  traceback:\n").Append(traceback).Append('\n');
                }
            }
        }

        // Tracebacks come from a plug-in log, which may quote a token or key: masked before they reach the model.
        return text.Length == 0 ? null : SecretRedactor.Shared.Redact(text.ToString().TrimEnd());
    }

    /// <summary>The fixes that may be proposed, each carrying its pre-flight; the others are noted with their result.</summary>
    public async Task<IReadOnlyList<FixProposal>> KeepRunnableAsync(IReadOnlyList<FixProposal> fixes, List<string> notes, List<RejectedFix> rejected, CancellationToken ct)
    {
        var kept = new List<FixProposal>();
        foreach (var fix in fixes)
        {
            var result = await RunAsync(fix, ct).ConfigureAwait(false);
            fix.Preflight = result;
            if (result is { Allows: false })
            {
                notes.Add($"{fix.Id}: {result.Summary}; not proposed.");
                rejected.Add(new RejectedFix { Id = fix.Id, Reason = result.Summary });
                continue;
            }

            kept.Add(fix);
        }

        return kept;
    }

    private async Task<PreflightResult?> RunAsync(FixProposal fix, CancellationToken ct)
    {
        if (fix.Patch is null || fix.Agents.Count == 0)
        {
            return null;
        }

        var key = fix.Agents[0] + "|" + PlaybookBrain.PatchHash(fix.Patch);
        if (!_byPatch.TryGetValue(key, out var result))
        {
            result = await CandidatePreflight.RunAsync(_preflight, fix, fix.Agents[0], _request, ct).ConfigureAwait(false);
            _byPatch[key] = result;
        }

        return result;
    }
}
