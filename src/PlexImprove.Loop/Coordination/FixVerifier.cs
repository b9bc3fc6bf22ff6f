using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Changes.Patches;
using PlexImprove.Core.Errors;

namespace PlexImprove.Loop.Coordination;

/// <summary>Runs every proposal's patch through the change engine's preview (nothing written) and records the verdict on it.</summary>
public static class FixVerifier
{
    public static async Task VerifyAsync(DiagnosticReport report, ChangeEngine changes, int iteration, CancellationToken cancellationToken)
    {
        foreach (var fix in report.Fixes)
        {
            if (fix.Verification is not null)
            {
                continue;
            }

            if (fix.Patch is null)
            {
                fix.Verification = new FixVerification { Applicable = false, Reason = "Advice only: the proposal carries no patch." };
                continue;
            }

            try
            {
                var preview = await changes.PreviewPatchAsync(new ChangeRequest
                {
                    FixId = fix.Id,
                    Iteration = iteration,
                    Patch = PatchBytes.Of(fix.Patch),
                    AllCopies = fix.Patch.AllCopies,
                    DryRun = true,
                }, cancellationToken).ConfigureAwait(false);
                fix.Verification = preview.Findings.Blocks
                    ? new FixVerification
                    {
                        Applicable = false,
                        Reason = preview.Message,
                        Findings = [.. preview.Findings.Introduced.Select(f => $"{f.File}:{f.Line}: {f.Rule}: {f.Message}")],
                        Files = [.. preview.Files.Select(f => f.Path)],
                    }
                    : new FixVerification { Applicable = true, Files = [.. preview.Files.Select(f => f.Path)] };
            }
            catch (Exception e) when (e is PatchRejectedException or PatchFormatException or PathConfinementException or InvalidInputException)
            {
                // The patch does not apply, names a missing file, or leaves the Plug-ins folder.
                fix.Verification = new FixVerification { Applicable = false, Reason = e.Message };
            }
        }
    }
}
