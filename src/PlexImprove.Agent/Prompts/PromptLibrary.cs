using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Lessons;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Prompts;

/// <summary>
/// The phase prompts of a folder (<c>prompts/*.md</c>), every one validated when loaded. Renders a prompt with the
/// lessons of its phase, gives the kernel function for it, and tells the brains and the MCP server what each prompt
/// needs, may call and must answer.
/// </summary>
public sealed class PromptLibrary
{
    private readonly Dictionary<string, PromptDefinition> _prompts;

    public PromptLibrary(IEnumerable<PromptDefinition> prompts, int lessonCount = LessonsSection.DefaultCount)
    {
        _prompts = new Dictionary<string, PromptDefinition>(StringComparer.Ordinal);
        foreach (var prompt in prompts)
        {
            if (!_prompts.TryAdd(prompt.Name, prompt))
            {
                throw new InvalidInputException($"{prompt.Source}: a prompt named '{prompt.Name}' is already loaded from {_prompts[prompt.Name].Source}.");
            }
        }

        LessonCount = lessonCount;
    }

    /// <summary>How many of a phase's rules each rendering shows.</summary>
    public int LessonCount { get; }

    /// <summary>Every prompt, by name.</summary>
    public IReadOnlyList<PromptDefinition> Prompts => [.. _prompts.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Reads and validates every <c>*.md</c> of <paramref name="directory"/> but <c>README.md</c>. All files are checked before failing, and
    /// the error lists each problem as <c>FILE:LINE: what</c>, one per line.
    /// </summary>
    public static PromptLibrary Load(string directory, int lessonCount = LessonsSection.DefaultCount)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidInputException($"The prompts folder '{directory}' does not exist; point Agent:PromptsDir at the folder holding phase1_log_aggregation.md and the other prompts.");
        }

        // A README.md beside the prompts documents them; it is not a prompt.
        var files = Directory.GetFiles(directory, "*.md")
            .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidInputException($"The prompts folder '{directory}' holds no .md prompt file.");
        }

        var prompts = new List<PromptDefinition>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            try
            {
                prompts.Add(PromptFileReader.Read(file));
            }
            catch (InvalidInputException e)
            {
                errors.Add(e.Message);
            }
        }

        return errors.Count switch
        {
            0 => new PromptLibrary(prompts, lessonCount),
            1 => throw new InvalidInputException(errors[0]),
            _ => throw new InvalidInputException($"{errors.Count} prompt files are invalid:\n" + string.Join('\n', errors)),
        };
    }

    public PromptDefinition? Find(string? name) => name is not null && _prompts.TryGetValue(name, out var prompt) ? prompt : null;

    /// <summary>The prompt named <paramref name="name"/>; an unknown name is an error listing the known ones.</summary>
    public PromptDefinition Get(string name) =>
        Find(name) ?? throw new InvalidInputException($"There is no prompt named '{name}' (known: {string.Join(", ", _prompts.Keys.Order(StringComparer.Ordinal))}).");

    /// <summary>The canonical tool names the prompt may call.</summary>
    public IReadOnlyList<string> ToolsOf(string name) => Get(name).Tools;

    /// <summary>The prompt's model settings for <paramref name="serviceId"/> (else <c>default</c>), or null.</summary>
    public PromptExecutionSettings? SettingsOf(string name, string? serviceId = null) => Get(name).SettingsFor(serviceId);

    /// <summary>The answer shape (<see cref="PromptOutputs"/>).</summary>
    public string OutputOf(string name) => Get(name).Output;

    /// <summary>
    /// The exact text the model receives: each message as <c>&lt;message role="…"&gt;</c>, its content, <c>&lt;/message&gt;</c>,
    /// with the phase's top lessons from <paramref name="lessons"/>. An input the prompt does not declare, or a missing
    /// required one, is an error naming the file and line.
    /// </summary>
    public Task<string> RenderAsync(string name, IReadOnlyDictionary<string, object?> variables, LessonBook lessons, CancellationToken cancellationToken = default) =>
        Task.FromResult(FormatMessages(RenderMessages(name, variables, lessons, cancellationToken)));

    /// <summary>The rendered messages, role and content, exactly as the model receives them.</summary>
    public IReadOnlyList<PromptMessage> RenderMessages(string name, IReadOnlyDictionary<string, object?> variables, LessonBook lessons, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var prompt = Get(name);
        var unknown = variables.Keys
            .Where(k => k != PromptFileReader.LessonsVariable && !prompt.InputVariables.Any(v => v.Name == k))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            string takes = prompt.InputVariables.Count == 0 ? "none" : string.Join(", ", prompt.InputVariables.Select(v => v.Name));
            throw new InvalidInputException(
                $"{prompt.Source}:{prompt.InputVariablesLine}: the prompt '{name}' has no input {string.Join(", ", unknown.Select(u => $"'{u}'"))} (it takes: {takes}).");
        }

        return new ScribanPromptTemplate(prompt, lessons, LessonCount).RenderMessages(variables, cancellationToken);
    }

    /// <summary>The factory that renders this library's prompts (and any other Scriban prompt) for a kernel.</summary>
    public ScribanPromptTemplateFactory CreateTemplateFactory(LessonBook? lessons = null) => new(this, lessons, LessonCount);

    /// <summary>The prompt as a kernel function: its settings, its inputs, and <c>{{ lessons }}</c> from <paramref name="lessons"/>.</summary>
    public KernelFunction CreateFunction(string name, LessonBook? lessons = null, ILoggerFactory? loggerFactory = null) =>
        KernelFunctionFactory.CreateFromPrompt(Get(name).ToPromptTemplateConfig(), CreateTemplateFactory(lessons), loggerFactory);

    /// <summary>Messages as text: one <c>&lt;message role="…"&gt;</c> block each, separated by a blank line.</summary>
    public static string FormatMessages(IEnumerable<PromptMessage> messages) =>
        string.Join("\n\n", messages.Select(m => $"<message role=\"{m.Role}\">\n{m.Content}\n</message>")) + "\n";
}
