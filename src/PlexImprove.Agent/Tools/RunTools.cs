using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.SemanticKernel;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Tools;

/// <summary>The loop's run folder as tools: where the loop stands, and its reports (confined to the work folder).</summary>
internal sealed class RunTools
{
    /// <summary>Report files worth reading as text.</summary>
    private static readonly string[] TextExtensions = [".md", ".json", ".jsonl", ".txt", ".log", ".diff", ".patch"];

    private readonly ToolRuntime _runtime;

    public RunTools(ToolRuntime runtime) => _runtime = runtime;

    [KernelFunction(ToolNames.GetLoopState)]
    [Description("Shows where the improvement loop stands: the current iteration, loop_state.json when the loop has saved one, and each iteration folder with the reports it holds (metrics, diagnosis, implementation log, test reports, post-mortem).")]
    public Task<string> GetLoopStateAsync(CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            var work = _runtime.WorkFolder();
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"Work folder: {work.FullPath}\nCurrent iteration: {_runtime.Environment.Iteration}\n");
            var statePath = Path.Combine(work.FullPath, "loop_state.json");
            text.Append(File.Exists(statePath)
                ? "loop_state.json:\n" + ToolOutput.Trim(_runtime.Environment.Redactor.Redact(File.ReadAllText(statePath)), _runtime.Limits.MaxChars / 2) + "\n"
                : "No loop_state.json yet (the loop has not saved a state in this work folder).\n");
            foreach (var top in new[] { "decision_log.json", "final_improvement_report.md" }.Where(f => File.Exists(Path.Combine(work.FullPath, f))))
            {
                text.Append(CultureInfo.InvariantCulture, $"{top} is present (read_report).\n");
            }

            var iterations = work.Iterations();
            text.Append(iterations.Count == 0 ? "No iteration folders yet.\n" : "Iterations:\n");
            foreach (var iteration in iterations.TakeLast(_runtime.Limits.MaxItems))
            {
                var folder = work.IterationPath(iteration);
                var files = Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
                var backups = Directory.Exists(work.BackupsPath(iteration)) ? Directory.EnumerateDirectories(work.BackupsPath(iteration)).Count() : 0;
                text.Append(CultureInfo.InvariantCulture, $"- iteration_{iteration}: {(files.Count == 0 ? "no reports" : string.Join(", ", files))}{(backups > 0 ? $"; {backups} backup(s)" : "")}\n");
            }

            return text.ToString();
        }, cancellationToken);

    [KernelFunction(ToolNames.ReadReport)]
    [Description("Reads a report from the work folder (Markdown or JSON), for example iteration_1/diagnostic_report.md, iteration_2/test_report_fix-001.json or final_improvement_report.md. Paths outside the work folder are refused.")]
    public Task<string> ReadReportAsync(
        [Description("The report, relative to the work folder (for example iteration_1/aggregated_logs.md).")] string path,
        [Description("Start reading at this character offset (default 0), to page through a long report.")] int offset = 0,
        CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            var full = ToolRuntime.ExistingFile(_runtime.Work, path);
            var extension = Path.GetExtension(full).ToLowerInvariant();
            if (!TextExtensions.Contains(extension))
            {
                throw new InvalidInputException($"'{path}' is not a report: read .md, .json, .txt or .log files of the work folder.");
            }

            // Offsets count in the masked text, so no page can start or end inside a secret.
            var content = _runtime.Environment.Redactor.Redact(File.ReadAllText(full));
            var start = Math.Clamp(offset, 0, content.Length);
            var budget = _runtime.Limits.MaxChars - 200;
            var slice = content.Length - start > budget ? content.Substring(start, budget) : content[start..];
            var header = string.Create(CultureInfo.InvariantCulture, $"{_runtime.Work.Relative(full)}: characters {start}-{start + slice.Length} of {content.Length}") +
                         (start + slice.Length < content.Length ? $" (truncated: read on with offset {start + slice.Length})" : "") + "\n";
            return header + slice;
        }, cancellationToken);
}
