using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Changes.Gate;
using PlexImprove.Core.Errors;

namespace PlexImprove.Cli.Commands;

/// <summary><c>check PATH...</c>: the Python 2.7 syntax gate and the Plex loader lint on files or bundle folders.</summary>
public static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("path") { Arity = ArgumentArity.OneOrMore, Description = "Python files or folders (a bundle, or the whole Plug-ins folder): every *.py below a folder is checked." };
        var noLint = new Option<bool>("--no-lint") { Description = "Run only the Python 2.7 syntax check." };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON." };
        var command = new Command("check", "Check agent code with the real Python 2.7 compiler and the rules of Plex's loader (exit 1 when anything is found).");
        command.Arguments.Add(paths);
        command.Options.Add(noLint);
        command.Options.Add(json);
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var files = Expand(parseResult.GetValue(paths) ?? []);
            var runtime = await ChangeServices.LocatePythonAsync(context, cancellationToken).ConfigureAwait(false);
            var gate = ChangeServices.CreateGate(context, runtime);
            var sources = files.Select(f => new GateSource(f.Display, File.ReadAllBytes(f.FullPath))).ToList();
            var checks = parseResult.GetValue(noLint) ? GateChecks.Syntax : GateChecks.All;
            var results = await gate.CheckAsync(sources, checks, cancellationToken).ConfigureAwait(false);
            var findings = results.SelectMany(r => r.Findings).ToList();
            var syntax = findings.Count(f => f.Check == "syntax");
            if (parseResult.GetValue(json))
            {
                await JsonOutput.WriteAsync(context, new
                {
                    interpreter = new { path = runtime.ExecutablePath, version = runtime.Version, source = runtime.Source.ToString() },
                    checks = checks == GateChecks.All ? new[] { "syntax", "lint" } : ["syntax"],
                    files = results,
                    summary = new { files = results.Count, findings = findings.Count, syntax, lint = findings.Count - syntax },
                }).ConfigureAwait(false);
            }
            else
            {
                foreach (var result in results)
                {
                    if (result.Findings.Count == 0)
                    {
                        await context.Out.WriteLineAsync($"ok    {result.File}").ConfigureAwait(false);
                        continue;
                    }

                    await context.Out.WriteLineAsync($"FAIL  {result.File}").ConfigureAwait(false);
                    foreach (var finding in result.Findings)
                    {
                        await context.Out.WriteLineAsync($"  {finding.File}:{finding.Line}:{finding.Column}: [{finding.Rule}] {finding.Message}").ConfigureAwait(false);
                        if (finding.Code.Length > 0)
                        {
                            await context.Out.WriteLineAsync($"      | {finding.Code}").ConfigureAwait(false);
                        }

                        await context.Out.WriteLineAsync($"      fix: {finding.Fix}").ConfigureAwait(false);
                    }
                }

                await context.Out.WriteLineAsync(
                    $"{results.Count} file(s) checked with Python {runtime.Version}: {findings.Count} finding(s) ({syntax} syntax, {findings.Count - syntax} Plex loader).").ConfigureAwait(false);
            }

            return findings.Count == 0 ? ExitCodes.Ok : ExitCodes.WorkFailed;
        });
        return command;
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
                var found = Directory.EnumerateFiles(path, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                files.AddRange(found.Select(f => (Path.Combine(path, Path.GetRelativePath(path, f)), Path.GetFullPath(f))));
                if (found.Count == 0)
                {
                    throw new InvalidInputException($"'{path}' holds no *.py file to check.");
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
