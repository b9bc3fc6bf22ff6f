using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Prompts;

namespace PlexImprove.Cli.Hosting;

/// <summary>The prompt library and the lesson book as configured (<c>Agent:PromptsDir</c>, <c>Agent:LessonsPath</c>), relative paths against the home folder.</summary>
public static class AgentPaths
{
    public static string PromptsDir(CliContext context) =>
        Resolve(context, context.Settings.Agent.PromptsDir, "prompts");

    public static string LessonsPath(CliContext context) =>
        Resolve(context, context.Settings.Agent.LessonsPath, Path.Combine("lessons", "lessons_learned.md"));

    /// <summary>Loads and validates every prompt (exit code 2 naming file and line when one is broken).</summary>
    public static PromptLibrary LoadPrompts(CliContext context) =>
        PromptLibrary.Load(PromptsDir(context), Math.Max(1, context.Settings.Agent.LessonsPerPrompt));

    /// <summary>The lesson book; a missing file is an empty book, a malformed one an error naming file and line.</summary>
    public static LessonBook LoadLessons(CliContext context, string? path = null) =>
        LessonBook.Load(string.IsNullOrWhiteSpace(path) ? LessonsPath(context) : Path.GetFullPath(path));

    private static string Resolve(CliContext context, string configured, string fallback) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? fallback : configured, context.HomeDir);
}
