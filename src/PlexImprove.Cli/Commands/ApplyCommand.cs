using System.CommandLine;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Changes.Log;
using PlexImprove.Core.Commands;
using PlexImprove.Core.Errors;

namespace PlexImprove.Cli.Commands;

/// <summary><c>apply</c>: back up, patch, gate and write one fix into the Plug-ins folder.</summary>
public static class ApplyCommand
{
    public static Command Create(CliContext context)
    {
        var plugins = new Option<string?>("--plugins") { Description = "The Plug-ins folder (default: Plex:PluginsDir, else the OS default)." };
        var work = new Option<string?>("--work") { Description = "The work folder holding iteration_N/ (default: Run:WorkDir)." };
        var iteration = new Option<int?>("--iteration") { Description = "The loop iteration N: backups and the log go to <work>/iteration_N/ (with --report: the report's iteration_N folder)." };
        var fixId = new Option<string?>("--fix-id") { Description = "The fix id (letters, digits, '.', '_', '-'): names the backup and the log entry (with --report: the --fix id)." };
        var patch = new Option<string?>("--patch") { Description = "The patch: a unified diff, search/replace JSON, or <<<<<<< SEARCH blocks; paths relative to the Plug-ins folder." };
        var report = new Option<string?>("--report") { Description = "Instead of --patch: a diagnostic_report.json; applies the patch of the fix named by --fix." };
        var reportFix = new Option<string?>("--fix") { Description = "With --report: the id of the fix to apply." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check that the patch applies and passes the gate; write nothing." };
        var allCopies = new Option<bool>("--all-copies") { Description = "Apply the same change to every byte-identical copy of each target in the other bundles (differing copies are listed and skipped)." };
        var expect = new Option<string?>("--expect") { Description = "The behaviour the fix should produce, recorded in implementation_log.json before the change." };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON." };
        var allowHost = new Option<string[]>("--allow-host")
        {
            Description = "A network host the change makes the agent reach that its code never used, approved after review (repeat for several); without it such a change is refused.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("apply", "Apply one fix safely: confine, patch in memory, gate with Python 2.7 before/after, back up, write atomically, log.");
        foreach (var option in new Option[] { plugins, work, iteration, fixId, patch, report, reportFix, dryRun, allCopies, expect, allowHost, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var source = await PatchSourceAsync(parseResult, patch, report, reportFix, fixId, iteration, cancellationToken).ConfigureAwait(false);
            var root = new PluginsRoot(ChangeServices.PluginsDir(context, parseResult.GetValue(plugins)));
            var runtime = await ChangeServices.LocatePythonAsync(context, cancellationToken).ConfigureAwait(false);
            var engine = new ChangeEngine(root, ChangeServices.Work(context, parseResult.GetValue(work) ?? source.WorkDir), ChangeServices.CreateGate(context, runtime), TimeProvider.System)
            {
                // The same whole-change rules as the loop: one bundle per fix, a new network host only when named here.
                Admission = NewNetworkHosts.Admission(root, "approve them with --allow-host HOST"),
            };
            var outcome = await engine.ApplyPatchAsync(new ChangeRequest
            {
                FixId = source.FixId,
                Iteration = source.Iteration,
                Patch = source.Patch,
                PatchName = source.Name,
                AllCopies = parseResult.GetValue(allCopies) || source.AllCopies,
                ExpectedBehaviour = parseResult.GetValue(expect),
                DryRun = parseResult.GetValue(dryRun),
                ApprovedHosts = parseResult.GetValue(allowHost) ?? [],
            }, cancellationToken).ConfigureAwait(false);

            if (parseResult.GetValue(json))
            {
                await JsonOutput.WriteAsync(context, outcome).ConfigureAwait(false);
            }
            else
            {
                await WriteHumanAsync(context, outcome).ConfigureAwait(false);
                if (outcome.Applied)
                {
                    await context.Out.WriteLineAsync(RestartReminder(root, outcome)).ConfigureAwait(false);
                }
            }

            return outcome.Status == FixStatus.Blocked ? ExitCodes.WorkFailed : ExitCodes.Ok;
        });
        return command;
    }

    private sealed record PatchSource(string FixId, int Iteration, ReadOnlyMemory<byte> Patch, string Name, bool AllCopies, string? WorkDir);

    /// <summary>The patch from <c>--patch FILE</c>, or from one fix of <c>--report FILE --fix ID</c>; exit 2 on any mix-up.</summary>
    private static async Task<PatchSource> PatchSourceAsync(
        ParseResult parseResult, Option<string?> patch, Option<string?> report, Option<string?> reportFix, Option<string?> fixId, Option<int?> iteration, CancellationToken cancellationToken)
    {
        string? patchPath = parseResult.GetValue(patch), reportPath = parseResult.GetValue(report), fromReport = parseResult.GetValue(reportFix);
        if ((patchPath is null) == (reportPath is null))
        {
            throw new InvalidInputException("Give the change either as --patch FILE or as --report diagnostic_report.json --fix ID.");
        }

        if (reportPath is not null)
        {
            if (fromReport is null)
            {
                throw new InvalidInputException($"--report needs --fix ID: the id of the fix in '{reportPath}' to apply.");
            }

            var found = ReportFixPatch.Load(reportPath, fromReport);
            int n = parseResult.GetValue(iteration) ?? found.Iteration
                ?? throw new InvalidInputException($"'{reportPath}' is not in an iteration_N folder: give --iteration N.");
            return new PatchSource(parseResult.GetValue(fixId) ?? found.Fix.Id, n, found.Patch, $"{Path.GetFileName(reportPath)}#{found.Fix.Id}", found.Fix.Patch!.AllCopies, found.WorkDir);
        }

        if (fromReport is not null)
        {
            throw new InvalidInputException("--fix names a fix of a report: use it with --report, or give --fix-id with --patch.");
        }

        if (!File.Exists(patchPath))
        {
            throw new InvalidInputException($"The patch file '{patchPath}' does not exist.");
        }

        var bytes = await File.ReadAllBytesAsync(patchPath!, cancellationToken).ConfigureAwait(false);
        if (ReportFixPatch.LooksLikeReport(bytes))
        {
            throw new InvalidInputException(
                $"'{patchPath}' is a diagnostic report, not a patch. Apply one of its fixes with: {PrintedCommand.Of($"apply --report {PrintedCommand.Quote(patchPath!)} --fix ID")}");
        }

        return new PatchSource(
            parseResult.GetValue(fixId) ?? throw new InvalidInputException("--patch needs --fix-id: the id that names the backup and the log entry."),
            parseResult.GetValue(iteration) ?? throw new InvalidInputException("--patch needs --iteration N: backups and the log go to <work>/iteration_N/."),
            bytes,
            Path.GetFileName(patchPath!),
            false,
            null);
    }

    /// <summary>The exact command that makes Plex load the changed code.</summary>
    public static string RestartReminder(PluginsRoot root, ChangeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(outcome);
        var owners = PluginBundles.Owning(PluginBundles.Find(root.FullPath), outcome.Files.Select(f => f.Path));
        return owners.Count == 0
            ? $"Plex runs the old code until the plug-in restarts: run '{PrintedCommand.Of("restart --plugin ID")}' (the CFBundleIdentifier of the changed bundle)."
            : $"Plex runs the old code until the plug-in restarts: run '{PrintedCommand.Of("restart " + string.Join(" ", owners.Select(o => "--plugin " + PrintedCommand.Quote(o))))}'.";
    }

    private static async Task WriteHumanAsync(CliContext context, ChangeOutcome outcome)
    {
        var o = context.Out;
        await o.WriteLineAsync(outcome.Message).ConfigureAwait(false);
        foreach (var file in outcome.Files)
        {
            var copy = file.CopyOf is null ? "" : $" (copy of {file.CopyOf})";
            await o.WriteLineAsync($"  {(outcome.Applied ? "changed" : "target ")} {file.Path}{copy}  {file.SizeBefore} -> {file.SizeAfter} bytes").ConfigureAwait(false);
        }

        if (outcome.Status == FixStatus.Previewed)
        {
            foreach (var file in outcome.Files.Where(f => !string.IsNullOrEmpty(f.Diff)))
            {
                await o.WriteAsync(file.Diff).ConfigureAwait(false);
            }
        }

        foreach (var skipped in outcome.SkippedCopies)
        {
            await o.WriteLineAsync($"  skipped {skipped.Path}: {skipped.Reason}").ConfigureAwait(false);
        }

        if (outcome.Findings.Introduced.Count > 0)
        {
            await o.WriteLineAsync("Findings introduced by the change (blocking):").ConfigureAwait(false);
            foreach (var finding in outcome.Findings.Introduced)
            {
                await o.WriteLineAsync($"  {finding}").ConfigureAwait(false);
            }
        }

        if (outcome.Findings.PreExisting.Count > 0)
        {
            await o.WriteLineAsync("Pre-existing findings (not blocking):").ConfigureAwait(false);
            foreach (var finding in outcome.Findings.PreExisting)
            {
                await o.WriteLineAsync($"  {finding}").ConfigureAwait(false);
            }
        }

        if (outcome.ImplementationLog is not null)
        {
            await o.WriteLineAsync($"Logged in {outcome.ImplementationLog}").ConfigureAwait(false);
        }
    }
}
