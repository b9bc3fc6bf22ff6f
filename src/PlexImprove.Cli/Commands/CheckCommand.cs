using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Changes.Bundles;
using PlexImprove.Core.Changes.Gate;
using PlexImprove.Core.Errors;

namespace PlexImprove.Cli.Commands;

/// <summary>
/// <c>check PATH...</c>: the Python 2.7 syntax gate and the Plex loader lint on files or bundle folders. Exit 1 on any
/// finding of severity <c>load</c> (the bundle would not load), and with <c>--strict</c> on <c>runtime</c> findings too.
/// </summary>
public static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("path") { Arity = ArgumentArity.OneOrMore, Description = "Python files or folders (a bundle, or the whole Plug-ins folder): every *.py below a folder is checked." };
        var noLint = new Option<bool>("--no-lint") { Description = "Run only the Python 2.7 syntax check." };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON (each with its severity)." };
        var strict = new Option<bool>("--strict") { Description = "Also fail (exit 1) on run-time findings, not only on those that stop the bundle loading." };
        var command = new Command("check", "Check agent code with the real Python 2.7 compiler and the rules of Plex's loader (exit 1 on a finding that stops the bundle loading; --strict: on any finding).");
        command.Arguments.Add(paths);
        command.Options.Add(noLint);
        command.Options.Add(json);
        command.Options.Add(strict);
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var files = Expand(parseResult.GetValue(paths) ?? []);
            var runtime = await ChangeServices.LocatePythonAsync(context, cancellationToken).ConfigureAwait(false);
            var gate = ChangeServices.CreateGate(context, runtime);
            var policies = files.Select(f => BundleCodePolicy.ForFile(f.FullPath)).ToList();
            var bundles = new Dictionary<string, BundleCode?>(StringComparer.Ordinal);
            var sources = files.Select((f, i) =>
            {
                var bundle = BundleOf(f.FullPath, bundles);
                return new GateSource(f.Display, File.ReadAllBytes(f.FullPath))
                {
                    Policy = policies[i].Policy,
                    BundleModules = bundle?.Modules ?? [],
                    BuiltinsReinstated = bundle?.BuiltinsReinstated ?? false,
                };
            }).ToList();
            var notes = policies.Select(p => p.Note).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var checks = parseResult.GetValue(noLint) ? GateChecks.Syntax : GateChecks.All;
            var results = await gate.CheckAsync(sources, checks, cancellationToken).ConfigureAwait(false);
            var findings = results.SelectMany(r => r.Findings).ToList();
            var syntax = findings.Count(f => f.Check == "syntax");
            var load = findings.Count(f => f.Severity == FindingSeverity.Load);
            var failed = parseResult.GetValue(strict) ? findings.Count > 0 : load > 0;
            if (parseResult.GetValue(json))
            {
                await JsonOutput.WriteAsync(context, new
                {
                    interpreter = new { path = runtime.ExecutablePath, version = runtime.Version, source = runtime.Source.ToString() },
                    checks = checks == GateChecks.All ? new[] { "syntax", "lint" } : ["syntax"],
                    files = results,
                    notes,
                    summary = new { files = results.Count, findings = findings.Count, syntax, lint = findings.Count - syntax, load, runtime = findings.Count - load },
                }).ConfigureAwait(false);
            }
            else
            {
                foreach (var note in notes)
                {
                    await context.Out.WriteLineAsync($"note: {note}").ConfigureAwait(false);
                }

                foreach (var result in results)
                {
                    if (result.Findings.Count == 0)
                    {
                        await context.Out.WriteLineAsync($"ok    {result.File}").ConfigureAwait(false);
                        continue;
                    }

                    var label = result.Findings.Any(f => f.Severity == FindingSeverity.Load) ? "FAIL" : "WARN";
                    await context.Out.WriteLineAsync($"{label}  {result.File}  ({result.Role}, {result.Policy} policy)").ConfigureAwait(false);
                    foreach (var finding in result.Findings)
                    {
                        await context.Out.WriteLineAsync($"  {finding.File}:{finding.Line}:{finding.Column}: {finding.Severity} [{finding.Rule}] {finding.Message}").ConfigureAwait(false);
                        if (finding.Code.Length > 0)
                        {
                            await context.Out.WriteLineAsync($"      | {finding.Code}").ConfigureAwait(false);
                        }

                        await context.Out.WriteLineAsync($"      fix: {finding.Fix}").ConfigureAwait(false);
                    }
                }

                await context.Out.WriteLineAsync(
                    $"{results.Count} file(s) checked with Python {runtime.Version}: {findings.Count} finding(s) ({syntax} syntax, {findings.Count - syntax} Plex loader; " +
                    $"{load} stop the bundle loading, {findings.Count - load} fail at run time).").ConfigureAwait(false);
            }

            return failed ? ExitCodes.WorkFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static BundleCode? BundleOf(string file, Dictionary<string, BundleCode?> read)
    {
        if (BundleCode.FolderOf(file) is not { } folder)
        {
            return null;
        }

        if (!read.TryGetValue(folder, out var known))
        {
            read[folder] = known = BundleCode.Read(folder);
        }

        return known;
    }

    private static List<(string Display, string FullPath)> Expand(string[] paths)
    {
        var files = new List<(string, string)>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add((path, Path.GetFullPath(path)));
            }
            else if (Directory.Exists(path))
            {
                // Only what Plex loads: a bundle's Contents/Code and Contents/Libraries, never its tests or tools.
                var found = Directory.EnumerateFiles(path, "*.py", SearchOption.AllDirectories).Where(BundleCode.IsLoadedCode).Order(StringComparer.Ordinal).ToList();
                files.AddRange(found.Select(f => (Path.Combine(path, Path.GetRelativePath(path, f)), Path.GetFullPath(f))));
                if (found.Count == 0)
                {
                    throw new InvalidInputException($"'{path}' holds no *.py file that Plex loads (a bundle's Contents/Code or Contents/Libraries) to check.");
                }
            }
            else
            {
                throw new InvalidInputException($"'{path}' does not exist; give Python files or folders holding them.");
            }
        }

        return files;
    }
}
