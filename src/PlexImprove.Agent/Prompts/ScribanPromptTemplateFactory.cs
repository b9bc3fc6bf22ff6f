using System.Diagnostics.CodeAnalysis;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Lessons;

namespace PlexImprove.Agent.Prompts;

/// <summary>
/// Lets Semantic Kernel render prompts whose <c>template_format</c> is <c>scriban</c>
/// (<c>KernelFunctionFactory.CreateFromPrompt(config, factory)</c>). A config naming a prompt of the library uses the
/// compiled, validated prompt; any other Scriban config is compiled here with the same checks.
/// </summary>
public sealed class ScribanPromptTemplateFactory : IPromptTemplateFactory
{
    public const string TemplateFormat = "scriban";

    private readonly PromptLibrary? _library;
    private readonly LessonBook? _lessons;
    private readonly int _lessonCount;

    /// <param name="library">Prompts already loaded; may be null.</param>
    /// <param name="lessons">The book whose top rules fill <c>{{ lessons }}</c>.</param>
    /// <param name="lessonCount">How many rules per prompt.</param>
    public ScribanPromptTemplateFactory(PromptLibrary? library = null, LessonBook? lessons = null, int lessonCount = LessonsSection.DefaultCount)
    {
        _library = library;
        _lessons = lessons;
        _lessonCount = lessonCount;
    }

    public bool TryCreate(PromptTemplateConfig templateConfig, [NotNullWhen(true)] out IPromptTemplate? result)
    {
        ArgumentNullException.ThrowIfNull(templateConfig);
        if (!string.Equals(templateConfig.TemplateFormat, TemplateFormat, StringComparison.OrdinalIgnoreCase))
        {
            result = null;
            return false;
        }

        var prompt = _library?.Find(templateConfig.Name) is { } known && string.Equals(known.Template, templateConfig.Template, StringComparison.Ordinal)
            ? known
            : FromConfig(templateConfig);
        result = new ScribanPromptTemplate(prompt, _lessons, _lessonCount);
        return true;
    }

    private static PromptDefinition FromConfig(PromptTemplateConfig config)
    {
        string name = config.Name ?? "prompt";
        var variables = config.InputVariables
            .Select(v => new PromptInputVariable { Name = v.Name, Description = v.Description ?? v.Name, IsRequired = v.IsRequired, Default = v.Default })
            .ToList();
        return new PromptDefinition
        {
            Name = name,
            Description = config.Description ?? "",
            Source = name,
            InputVariables = variables,
            ExecutionSettings = config.ExecutionSettings,
            Output = PromptOutputs.Text,
            Template = config.Template,
            Messages = PromptFileReader.ParseBody(config.Template, name, variables),
        };
    }
}
