using System.Text;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Lessons;
using PlexImprove.Core.Errors;
using Scriban.Runtime;
using Scriban.Syntax;

namespace PlexImprove.Agent.Prompts;

/// <summary>
/// Renders a <see cref="PromptDefinition"/> with Scriban. Each message block renders on its own, so a value can never
/// open or close a message: for the kernel, the content is XML-escaped inside its <c>&lt;message&gt;</c> tag (the kernel
/// decodes it back), so the model receives exactly what <see cref="RenderMessages"/> returns.
/// </summary>
public sealed partial class ScribanPromptTemplate : IPromptTemplate
{
    private readonly LessonBook _lessons;
    private readonly int _lessonCount;

    public ScribanPromptTemplate(PromptDefinition prompt, LessonBook? lessons = null, int lessonCount = LessonsSection.DefaultCount)
    {
        Prompt = prompt;
        _lessons = lessons ?? LessonBook.Empty;
        _lessonCount = lessonCount;
    }

    public PromptDefinition Prompt { get; }

    /// <summary>The kernel's form: one <c>&lt;message role="…"&gt;</c> element per block, content escaped.</summary>
    public Task<string> RenderAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        var messages = RenderMessages(arguments ?? [], cancellationToken);
        var sb = new StringBuilder();
        foreach (var message in messages)
        {
            sb.Append("<message role=\"").Append(message.Role).Append("\">").Append(Escape(message.Content)).Append("</message>\n");
        }

        return Task.FromResult(sb.ToString());
    }

    /// <summary>
    /// The messages as the model receives them. Declared inputs come from <paramref name="arguments"/> (JSON values
    /// become walkable objects), else their default; a required input with neither is an error naming the file and the
    /// line that declares it. <c>lessons</c> is the phase's top rules unless the caller gives it.
    /// </summary>
    public IReadOnlyList<PromptMessage> RenderMessages(IEnumerable<KeyValuePair<string, object?>> arguments, CancellationToken cancellationToken = default)
    {
        var given = arguments.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var globals = new ScriptObject(StringComparer.Ordinal);
        foreach (var variable in Prompt.InputVariables)
        {
            object? value = given.TryGetValue(variable.Name, out var v) && v is not null ? v : variable.Default;
            if (value is null && variable.IsRequired)
            {
                throw new InvalidInputException(
                    $"{Prompt.Source}:{variable.Line}: the prompt '{Prompt.Name}' needs the input '{variable.Name}' ({variable.Description.TrimEnd('.')}); none was given.");
            }

            globals.SetValue(variable.Name, PromptValues.From(value), readOnly: true);
        }

        object? lessons = given.TryGetValue(PromptFileReader.LessonsVariable, out var l) && l is not null
            ? PromptValues.From(l)
            : LessonsSection.Render(_lessons, Prompt.LessonPhase, _lessonCount);
        globals.SetValue(PromptFileReader.LessonsVariable, lessons, readOnly: true);

        var messages = new List<PromptMessage>(Prompt.Messages.Count);
        foreach (var message in Prompt.Messages)
        {
            var context = new PromptTemplateContext(cancellationToken);
            context.PushGlobal(globals);
            string text;
            try
            {
                text = message.Template.Render(context);
            }
            catch (ScriptRuntimeException e)
            {
                int line = message.FirstLine + Math.Max(0, e.Span.Start.Line);
                throw new InvalidInputException($"{Prompt.Source}:{line}: the prompt '{Prompt.Name}' cannot be rendered: {e.OriginalMessage.TrimEnd('.')}.", e);
            }

            messages.Add(new PromptMessage(message.Role, Tidy(text)));
        }

        return messages;
    }

    /// <summary>Control statements leave blank lines behind: keep at most one blank line, no trailing spaces.</summary>
    internal static string Tidy(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd());
        return ExtraBlankLines().Replace(string.Join('\n', lines), "\n\n").Trim('\n');
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    [GeneratedRegex("\n{3,}")]
    private static partial Regex ExtraBlankLines();
}
