using System.ComponentModel;
using System.Text;
using Microsoft.SemanticKernel;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Tools;

/// <summary>One fix at a time, safely: preview, apply (backup, gate, atomic write, log), roll back, list backups.</summary>
internal sealed class ChangeTools
{
    internal const string PatchDescription =
        "The patch, paths relative to the Plug-ins folder: a unified diff (context must match exactly), JSON search/replace edits " +
        "{\"edits\":[{\"file\":\"X.bundle/Contents/Code/utils.py\",\"search\":\"old text\",\"replace\":\"new text\"}]} (the search text must occur exactly once), " +
        "or <<<<<<< SEARCH / ======= / >>>>>>> REPLACE blocks preceded by the file's path.";

    /// <summary>The argument of <c>preview_patch</c> and <c>apply_patch</c> naming the new network hosts a person approved.</summary>
    internal const string ApprovedHostsParameter = "approvedHosts";

    private const string ApprovedHostsDescription =
        "Network hosts the change makes the agent reach that its code never used, approved by name by the person you work for (a change adding " +
        "an unapproved host is refused). Leave empty unless the user explicitly approved those hosts.";

    private readonly ToolRuntime _runtime;

    public ChangeTools(ToolRuntime runtime) => _runtime = runtime;

    [KernelFunction(ToolNames.PreviewPatch)]
    [Description("Checks a patch without writing anything: it must apply to the agent code, and the Python 2.7 syntax gate and Plex loader lint must find nothing new in the changed files. Returns the diff, the findings it would introduce (blocking) and the pre-existing ones.")]
    public Task<string> PreviewPatchAsync(
        [Description("A short id for the fix: letters, digits, '.', '_' or '-' (for example fix-403-headers).")] string fixId,
        [Description(PatchDescription)] string patch,
        [Description("Also change every byte-identical copy of each target file in the other bundles (PGMA ships many identical utils.py).")] bool allCopies = false,
        [Description(ApprovedHostsDescription)] string[]? approvedHosts = null,
        CancellationToken cancellationToken = default) =>
        ToolOutput.RunAsync(_runtime.Environment, async () =>
        {
            var outcome = await _runtime.Changes().PreviewPatchAsync(Request(fixId, patch, allCopies, null, approvedHosts), cancellationToken).ConfigureAwait(false);
            return Describe(outcome);
        }, cancellationToken);

    [KernelFunction(ToolNames.ApplyPatch)]
    [Description("WRITES agent code: applies one fix to files under the Plug-ins folder after backing them up, only when the Python 2.7 gate and the Plex loader lint find nothing new; records it in the iteration's implementation log. Plex loads the new code only after restart_plex.")]
    public Task<string> ApplyPatchAsync(
        [Description("A short id for the fix: letters, digits, '.', '_' or '-' (for example fix-403-headers). Names the backup.")] string fixId,
        [Description(PatchDescription)] string patch,
        [Description("The behaviour the fix should produce, stated before the change (for example 'AEBN searches stop failing with HTTP 403').")] string? expectedBehaviour = null,
        [Description("Also change every byte-identical copy of each target file in the other bundles.")] bool allCopies = false,
        [Description(ApprovedHostsDescription)] string[]? approvedHosts = null,
        CancellationToken cancellationToken = default) =>
        ToolOutput.RunAsync(_runtime.Environment, async () =>
        {
            var outcome = await _runtime.Changes().ApplyPatchAsync(Request(fixId, patch, allCopies, expectedBehaviour, approvedHosts), cancellationToken).ConfigureAwait(false);
            return Describe(outcome);
        }, cancellationToken);

    [KernelFunction(ToolNames.RollbackFix)]
    [Description("WRITES agent code: restores the backed-up files of a fix (or of an iteration, or all), newest first, after checking each backup against its manifest. Refuses when a file was changed by someone else since the fix, unless force is true.")]
    public Task<string> RollbackFixAsync(
        [Description("The fix id to roll back.")] string? fixId = null,
        [Description("Roll back every fix of this iteration (or narrow fixId to it).")] int? iteration = null,
        [Description("Roll back every fix in the work folder.")] bool all = false,
        [Description("Restore even files someone changed since the fix (their change is lost).")] bool force = false,
        CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            var restored = _runtime.Changes().RollbackFix(new RollbackRequest
            {
                FixId = string.IsNullOrWhiteSpace(fixId) ? null : fixId.Trim(),
                Iteration = iteration,
                All = all,
                Force = force,
            });
            return ToolOutput.Json(new { RolledBack = restored.Count, Fixes = restored });
        }, cancellationToken);

    [KernelFunction(ToolNames.ListBackups)]
    [Description("Lists the fixes' backups in the work folder, newest first: fix id, iteration, backup folder, time, state (applied, original = rolled back, partial, changed_since, unknown), the implementation log status and the files.")]
    public Task<string> ListBackupsAsync(
        [Description("Only backups of this fix id.")] string? fixId = null,
        CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            var backups = ChangeEngine.ListBackups(_runtime.WorkFolder(), Directory.Exists(_runtime.Environment.PluginsDir) ? _runtime.Plugins() : null)
                .Where(b => string.IsNullOrWhiteSpace(fixId) || string.Equals(b.FixId, fixId.Trim(), StringComparison.Ordinal))
                .ToList();
            if (backups.Count == 0)
            {
                return $"No backups in the work folder '{_runtime.Work.FullPath}'{(string.IsNullOrWhiteSpace(fixId) ? "" : $" for fix '{fixId}'")}.";
            }

            var shown = backups.Take(_runtime.Limits.MaxItems).ToList();
            return ToolOutput.Json(new { Total = backups.Count, Shown = shown.Count, Backups = shown });
        }, cancellationToken);

    private ChangeRequest Request(string fixId, string patch, bool allCopies, string? expected, string[]? approvedHosts)
    {
        if (string.IsNullOrWhiteSpace(patch))
        {
            throw new InvalidInputException("The patch is empty: give a unified diff, JSON search/replace edits or SEARCH/REPLACE blocks.");
        }

        return new ChangeRequest
        {
            FixId = fixId,
            Iteration = _runtime.Environment.Iteration,
            Patch = Encoding.UTF8.GetBytes(patch),
            PatchName = "tool call",
            AllCopies = allCopies,
            ExpectedBehaviour = expected,
            ApprovedHosts = approvedHosts?.Where(h => !string.IsNullOrWhiteSpace(h)).ToList() ?? [],
        };
    }

    private string Describe(ChangeOutcome outcome)
    {
        var diffBudget = Math.Max(1000, _runtime.Limits.MaxChars / 2);
        return ToolOutput.Json(new
        {
            outcome.FixId,
            outcome.Iteration,
            outcome.Status,
            outcome.Message,
            Files = outcome.Files.Select(f => new { f.Path, f.CopyOf, Diff = f.Diff is null ? null : ToolOutput.Trim(f.Diff, diffBudget) }).ToList(),
            SkippedCopies = outcome.SkippedCopies.Count,
            Introduced = outcome.Findings.Introduced.Select(f => f.ToString()).ToList(),
            PreExisting = outcome.Findings.PreExisting.Take(_runtime.Limits.MaxItems).Select(f => f.ToString()).ToList(),
            Resolved = outcome.Findings.Resolved.Select(f => f.ToString()).ToList(),
            outcome.BackupFolder,
        });
    }
}
