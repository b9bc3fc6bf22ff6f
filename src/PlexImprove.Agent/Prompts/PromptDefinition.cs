using Microsoft.SemanticKernel;
using PlexImprove.Agent.Lessons;

namespace PlexImprove.Agent.Prompts;

/// <summary>
/// A phase prompt as read from <c>prompts/NAME.md</c>: the front matter (what it needs, which tools it may call, its
/// model settings and the shape of its answer) and the compiled Scriban body.
/// </summary>
public sealed class PromptDefinition
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary>The file it was read from (or the name given to <see cref="PromptFileReader.Parse"/>).</summary>
    public required string Source { get; init; }

    /// <summary>The inputs a caller supplies. <c>lessons</c> is never among them: it comes from the lesson book.</summary>
    public IReadOnlyList<PromptInputVariable> InputVariables { get; init; } = [];

    /// <summary>Model settings per service id (<c>default</c> for any), e.g. temperature and max_tokens.</summary>
    public IReadOnlyDictionary<string, PromptExecutionSettings> ExecutionSettings { get; init; } = new Dictionary<string, PromptExecutionSettings>();

    /// <summary>The canonical tool names (<see cref="Tools.ToolNames"/>) the model may call in this phase.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>One of <see cref="PromptOutputs.All"/>.</summary>
    public required string Output { get; init; }

    /// <summary>Optional research (MCP) servers this phase may consult, by configured name.</summary>
    public IReadOnlyList<string> ResearchServers { get; init; } = [];

    /// <summary>The phase whose top lessons fill <c>{{ lessons }}</c>; null for a prompt that shows none.</summary>
    public LessonPhase? LessonPhase { get; init; }

    /// <summary>The body as written (Scriban, with the message blocks).</summary>
    public required string Template { get; init; }

    internal IReadOnlyList<PromptMessageTemplate> Messages { get; init; } = [];

    /// <summary>The line of <c>input_variables:</c> (1-based), named when a caller passes an input the prompt does not take.</summary>
    internal int InputVariablesLine { get; init; } = 1;

    /// <summary>
    /// A copy of the settings for <paramref name="serviceId"/>, else of <c>default</c>, else null. A copy, because the
    /// kernel freezes the settings of a function it creates and a caller adds its own (function choice, response format).
    /// </summary>
    public PromptExecutionSettings? SettingsFor(string? serviceId = null) =>
        serviceId is not null && ExecutionSettings.TryGetValue(serviceId, out var own) ? own.Clone()
        : ExecutionSettings.TryGetValue(PromptExecutionSettings.DefaultServiceId, out var fallback) ? fallback.Clone()
        : null;

    /// <summary>The Semantic Kernel form (template format <c>scriban</c>), for <see cref="KernelFunctionFactory.CreateFromPrompt(PromptTemplateConfig, IPromptTemplateFactory?, Microsoft.Extensions.Logging.ILoggerFactory?)"/>.</summary>
    public PromptTemplateConfig ToPromptTemplateConfig()
    {
        var config = new PromptTemplateConfig
        {
            Name = Name,
            Description = Description,
            Template = Template,
            TemplateFormat = ScribanPromptTemplateFactory.TemplateFormat,
            InputVariables = [.. InputVariables.Select(v => new InputVariable { Name = v.Name, Description = v.Description, IsRequired = v.IsRequired, Default = v.Default })],
        };
        foreach (var (serviceId, settings) in ExecutionSettings)
        {
            config.ExecutionSettings[serviceId] = settings.Clone();
        }

        return config;
    }
}
