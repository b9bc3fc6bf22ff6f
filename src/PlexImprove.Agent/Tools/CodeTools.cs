using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.SemanticKernel;
using PlexImprove.Core.Changes.Gate;
using PlexImprove.Core.Changes.Reading;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Tools;

/// <summary>Agent code as tools: reading and searching it (confined to the Plug-ins root) and the Python 2.7 gate.</summary>
internal sealed class CodeTools
{
    /// <summary>Python files checked per call at most: a whole Plug-ins folder would take minutes.</summary>
    private const int MaxCheckedFiles = 200;

    private readonly ToolRuntime _runtime;

    public CodeTools(ToolRuntime runtime) => _runtime = runtime;

    [KernelFunction(ToolNames.ReadAgentFile)]
    [Description("Reads lines of an agent's file under the Plug-ins folder, with line numbers, for example PGMA.bundle/Contents/Code/__init__.py. Paths outside the Plug-ins folder are refused.")]
    public Task<string> ReadAgentFileAsync(
        [Description("The file, relative to the Plug-ins folder (for example AEBN.bundle/Contents/Code/__init__.py).")] string path,
        [Description("First line to show, 1-based (default 1).")] int startLine = 1,
        [Description("Last line to show (default: as many as the output cap allows, 400 lines).")] int? endLine = null,
        CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            var start = Math.Max(1, startLine);
            var last = Math.Min(endLine ?? int.MaxValue, start + _runtime.Limits.MaxLines - 1);
            var excerpt = new AgentCodeReader(_runtime.Plugins()).ReadAgentFile(path, start, last);
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{excerpt.Path}: lines {excerpt.StartLine}-{excerpt.EndLine} of {excerpt.TotalLines}")
                .Append(excerpt.Crlf ? " (CRLF line endings)" : "")
                .Append(excerpt.EndLine < excerpt.TotalLines ? $" (more follow: read from line {excerpt.EndLine + 1})" : "")
                .Append('\n');
            var number = excerpt.StartLine;
            foreach (var line in excerpt.Lines)
            {
                text.Append(number++.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(line).Append('\n');
            }

            return text.ToString();
        }, cancellationToken);

    [KernelFunction(ToolNames.SearchAgentCode)]
    [Description("Finds lines in the agents' code under the Plug-ins folder matching a text or a regular expression; returns file (relative to the Plug-ins folder), line number and the line.")]
    public Task<string> SearchAgentCodeAsync(
        [Description("The text to find (exact, case-sensitive), or a .NET regular expression when isRegex is true.")] string pattern,
        [Description("Treat the pattern as a regular expression.")] bool isRegex = false,
        [Description("Only search below this folder, relative to the Plug-ins folder (for example AEBN.bundle). Empty: every bundle.")] string? under = null,
        [Description("File names to search (default *.py).")] string filePattern = "*.py",
        [Description("At most this many matching lines (default 50).")] int max = 50,
        CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            var cap = LogTools.Clamp(max, _runtime.Limits.MaxItems);
            var matches = new AgentCodeReader(_runtime.Plugins()).SearchAgentCode(pattern, isRegex, string.IsNullOrWhiteSpace(under) ? null : under, string.IsNullOrWhiteSpace(filePattern) ? "*.py" : filePattern, cap + 1, cancellationToken, _runtime.Environment.Redactor);
            if (matches.Count == 0)
            {
                return $"No line matches '{pattern}'.";
            }

            var text = new StringBuilder();
            foreach (var match in matches.Take(cap))
            {
                text.Append(CultureInfo.InvariantCulture, $"{match.Path}:{match.Line}: {match.Text}\n");
            }

            if (matches.Count > cap)
            {
                text.Append(CultureInfo.InvariantCulture, $"[truncated: first {cap} matches shown; narrow the pattern or 'under']\n");
            }

            return text.ToString();
        }, cancellationToken);

    [KernelFunction(ToolNames.CheckPython27)]
    [Description("Compiles agent code with the real Python 2.7 (as Plex runs it; never Python 3) and returns syntax errors with file, line, column and message. Checks a file or folder under the Plug-ins folder, or Python source given as text.")]
    public Task<string> CheckPython27Async(
        [Description("A .py file or a folder under the Plug-ins folder (every .py below it). Leave empty when giving 'code'.")] string? path = null,
        [Description("Python source to check instead of a file, for example a changed function.")] string? code = null,
        CancellationToken cancellationToken = default) =>
        CheckAsync(path, code, GateChecks.Syntax, cancellationToken);

    [KernelFunction(ToolNames.LintPlexLoader)]
    [Description("Applies the rules of Plex's RestrictedPython loader to agent code: names or attributes starting with '_', __file__, augmented assignment other than += on a plain name, exec/eval, imports a bundle cannot use. Each finding has rule, file, line, message and how to fix it.")]
    public Task<string> LintPlexLoaderAsync(
        [Description("A .py file or a folder under the Plug-ins folder (every .py below it). Leave empty when giving 'code'.")] string? path = null,
        [Description("Python source to lint instead of a file.")] string? code = null,
        CancellationToken cancellationToken = default) =>
        CheckAsync(path, code, GateChecks.Lint, cancellationToken);

    private Task<string> CheckAsync(string? path, string? code, GateChecks checks, CancellationToken cancellationToken) =>
        ToolOutput.RunAsync(_runtime.Environment, async () =>
        {
            var sources = Sources(path, code);
            var gate = await _runtime.GateAsync(cancellationToken).ConfigureAwait(false);
            var results = await gate.CheckAsync(sources.Files, checks, cancellationToken).ConfigureAwait(false);
            var findings = results.SelectMany(r => r.Findings).ToList();
            var shown = findings.Take(_runtime.Limits.MaxItems).Select(f => new { f.Rule, f.File, f.Line, f.Column, f.Message, f.Fix, f.Code }).ToList();
            var what = checks == GateChecks.Syntax ? "Python 2.7 syntax" : "Plex loader rules";
            var summary = findings.Count == 0
                ? $"{results.Count} file(s) checked ({what}): no findings."
                : $"{results.Count} file(s) checked ({what}): {findings.Count} finding(s){(findings.Count > shown.Count ? $", first {shown.Count} shown" : "")}.";
            if (sources.Skipped > 0)
            {
                summary += $" {sources.Skipped} more file(s) were not checked (at most {MaxCheckedFiles} per call): check a narrower folder.";
            }

            return ToolOutput.Json(new { Summary = summary, Unparsed = results.Where(r => !r.Parsed).Select(r => r.File).ToList(), Findings = shown });
        }, cancellationToken);

    private (IReadOnlyList<GateSource> Files, int Skipped) Sources(string? path, string? code)
    {
        if (!string.IsNullOrEmpty(code))
        {
            if (!string.IsNullOrWhiteSpace(path))
            {
                throw new InvalidInputException("Give either 'path' or 'code', not both.");
            }

            return ([new GateSource("<code>", Encoding.UTF8.GetBytes(code))], 0);
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidInputException("Give 'path' (a .py file or folder under the Plug-ins folder) or 'code' (Python source).");
        }

        var root = _runtime.Plugins();
        var target = root.Resolve(path);
        if (File.Exists(target.FullPath))
        {
            return ([new GateSource(target.RelativePath, File.ReadAllBytes(target.FullPath))], 0);
        }

        if (!Directory.Exists(target.FullPath))
        {
            throw new InvalidInputException($"'{target.RelativePath}' does not exist in the Plug-ins folder '{root.FullPath}'.");
        }

        var files = root.Root.EnumerateFiles(target, "*.py", recurse: true);
        if (files.Count == 0)
        {
            throw new InvalidInputException($"No .py file below '{target.RelativePath}'.");
        }

        var sources = files.Take(MaxCheckedFiles)
            .Select(f => new GateSource(root.Root.Relative(f), File.ReadAllBytes(f)))
            .ToList();
        return (sources, files.Count - sources.Count);
    }
}
