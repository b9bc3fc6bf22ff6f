using PlexImprove.Core.Changes;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>
/// Puts every fix's patch through <see cref="ChangeEngine.PreviewPatchAsync"/> (nothing is written) and records the
/// answer in <see cref="FixProposal.Verification"/>: applicable, or not applicable with the reason — the patch does
/// not apply, a path leaves the Plug-ins root, or the Python 2.7 gate finds problems the change would introduce.
/// </summary>
public sealed class DiagnosisVerifier
{
    private readonly ChangeEngine _engine;

    public DiagnosisVerifier(ChangeEngine engine) => _engine = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>Verifies every fix of <paramref name="report"/> in place and returns it.</summary>
    public async Task<DiagnosticReport> VerifyAsync(DiagnosticReport report, int iteration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var fix in report.Fixes)
        {
            fix.Verification = await VerifyAsync(fix, iteration, cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>What the change engine says about one fix's patch.</summary>
    public async Task<FixVerification> VerifyAsync(FixProposal fix, int iteration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fix);
        if (fix.Patch is null)
        {
            return new FixVerification { Applicable = false, Reason = "no patch: the fix is advice only" };
        }

        if (fix.Patch.Format == PatchFormatKind.Edits && fix.Patch.Edits.Count == 0)
        {
            return new FixVerification { Applicable = false, Reason = "the patch holds no edits" };
        }

        ChangeOutcome outcome;
        try
        {
            outcome = await _engine.PreviewPatchAsync(new ChangeRequest
            {
                FixId = fix.Id,
                Iteration = Math.Max(1, iteration),
                Patch = PatchBytes.From(fix.Patch),
                PatchName = fix.Id + ".patch",
                AllCopies = fix.Patch.AllCopies,
                ExpectedBehaviour = fix.ExpectedVsObserved.Expected,
                DryRun = true,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PlexImproveException e)
        {
            // A patch that does not fit, a path outside the Plug-ins root, a malformed diff: the fix is kept, marked not applicable.
            return new FixVerification { Applicable = false, Reason = e.Message, Files = PatchFiles(fix.Patch) };
        }

        var files = outcome.Files.Select(f => f.Path).ToList();
        return outcome.Findings.Blocks
            ? new FixVerification
            {
                Applicable = false,
                Reason = outcome.Message,
                Findings = [.. outcome.Findings.Introduced.Select(f => f.ToString())],
                Files = files,
            }
            : new FixVerification { Applicable = true, Files = files };
    }

    private static List<string> PatchFiles(ProposedPatch patch) => [.. patch.Edits.Select(e => e.File).Distinct(StringComparer.Ordinal)];
}
