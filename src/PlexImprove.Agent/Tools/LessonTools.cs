using System.ComponentModel;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Lessons;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Tools;

/// <summary>The lessons learned in earlier iterations (scored DO/DON'T rules), read-only.</summary>
internal sealed class LessonTools
{
    private readonly ToolRuntime _runtime;

    public LessonTools(ToolRuntime runtime) => _runtime = runtime;

    [KernelFunction(ToolNames.ReadLessons)]
    [Description("Reads the lessons learned in earlier iterations: scored DO / DON'T rules per phase (aggregate, diagnose, implement, test, postmortem, coordinate) with their evidence. Consult them before proposing a fix, and cite the rule ids you apply.")]
    public Task<string> ReadLessonsAsync(
        [Description("Only this phase's best rules: aggregate, diagnose, implement, test, postmortem or coordinate. Empty: every phase.")] string? phase = null,
        [Description("With a phase: at most this many rules, highest score first (default 10).")] int max = 10,
        CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            var path = _runtime.Environment.LessonsPath;
            if (!File.Exists(path))
            {
                return $"No lessons yet: '{path}' does not exist. It is written after the first post-mortem.";
            }

            var book = LessonBook.Load(path);
            if (string.IsNullOrWhiteSpace(phase))
            {
                return book.Rules.Count == 0 ? "The lessons file holds no rules yet." : book.ToMarkdown(preamble: "# Lessons learned");
            }

            var wanted = LessonBook.ParsePhase(phase)
                ?? throw new InvalidInputException($"'{phase}' is not a phase: use {string.Join(", ", LessonBook.PhaseNames.Values)}.");
            var top = book.Top(wanted, LogTools.Clamp(max, _runtime.Limits.MaxItems));
            return top.Count == 0
                ? $"No lessons for the {LessonBook.PhaseNames[wanted]} phase yet."
                : new LessonBook(top).ToMarkdown(preamble: $"# Top lessons for {LessonBook.PhaseNames[wanted]}");
        }, cancellationToken);
}
