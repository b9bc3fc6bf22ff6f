using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Tools;
using PlexImprove.Core.Errors;
using Scriban;
using Scriban.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PlexImprove.Agent.Prompts;

/// <summary>
/// Reads a prompt file: YAML front matter (Markdig's front-matter extension, then YamlDotNet) and a Scriban body made
/// of <c>&lt;message role="system|user|assistant"&gt;</c> … <c>&lt;/message&gt;</c> blocks, each tag on its own line.
/// Everything is checked here, so a broken file fails at start-up, never in the middle of a run: every error is an
/// <see cref="InvalidInputException"/> reading <c>FILE:LINE: what is wrong</c>.
/// </summary>
public static partial class PromptFileReader
{
    /// <summary>The variable filled from the lesson book; prompts use it without declaring it.</summary>
    public const string LessonsVariable = "lessons";

    private static readonly MarkdownPipeline FrontMatterPipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal)
    {
        "name", "description", "input_variables", "execution_settings", "tools", "output", "research_servers", "lesson_phase",
    };

    private static readonly HashSet<string> VariableKeys = new(StringComparer.Ordinal) { "name", "description", "is_required", "default" };

    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "system", "user", "assistant" };

    /// <summary>Lesson phases of the six shipped prompts, by their <c>phaseN_</c> prefix.</summary>
    private static readonly LessonPhase[] PhaseByNumber =
        [LessonPhase.Aggregate, LessonPhase.Diagnose, LessonPhase.Implement, LessonPhase.Test, LessonPhase.PostMortem, LessonPhase.Coordinate];

    public static PromptDefinition Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses and validates a prompt file's text; <paramref name="source"/> names it in errors (and fixes the expected name).</summary>
    public static PromptDefinition Parse(string text, string source)
    {
        text = text.ReplaceLineEndings("\n");
        var (yaml, yamlFirstLine, body, bodyFirstLine) = SplitFrontMatter(text, source);
        var root = LoadYaml(yaml, yamlFirstLine, source);
        int Line(YamlNode node) => yamlFirstLine + (int)node.Start.Line - 1;
        InvalidInputException Error(YamlNode node, string message) => Fail(source, Line(node), message);

        foreach (var key in root.Children.Keys)
        {
            string k = Scalar(key, "a front matter key", source, yamlFirstLine);
            if (!Keys.Contains(k))
            {
                throw Error(key, $"unknown front matter key '{k}' (expected {string.Join(", ", Keys)})");
            }
        }

        string name = RequiredScalar(root, "name", source, yamlFirstLine);
        if (!NamePattern().IsMatch(name))
        {
            throw Error(Value(root, "name")!, $"name '{name}' may hold only letters, digits, '_' and '-'");
        }

        string stem = Path.GetFileNameWithoutExtension(source);
        if (source.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !string.Equals(stem, name, StringComparison.Ordinal))
        {
            throw Error(Value(root, "name")!, $"name '{name}' must match the file name '{stem}'");
        }

        string description = RequiredScalar(root, "description", source, yamlFirstLine);
        string output = RequiredScalar(root, "output", source, yamlFirstLine);
        if (!PromptOutputs.All.Contains(output, StringComparer.Ordinal))
        {
            throw Error(Value(root, "output")!, $"output '{output}' is not a known answer shape (expected one of {string.Join(", ", PromptOutputs.All)})");
        }

        var variables = ReadVariables(Value(root, "input_variables"), source, yamlFirstLine);
        var tools = ReadList(Value(root, "tools"), "tools", source, yamlFirstLine, (node, tool) =>
        {
            if (!ToolNames.All.Contains(tool, StringComparer.Ordinal))
            {
                throw Error(node, $"tool '{tool}' does not exist (known tools: {string.Join(", ", ToolNames.All)})");
            }
        });
        var research = ReadList(Value(root, "research_servers"), "research_servers", source, yamlFirstLine, (_, _) => { });
        var settings = ReadSettings(Value(root, "execution_settings"), source, yamlFirstLine);
        LessonPhase? phase = ReadPhase(root, name, source, yamlFirstLine);

        var messages = ReadMessages(body, bodyFirstLine, source);
        CheckVariables(messages, variables, phase, source, bodyFirstLine);
        return new PromptDefinition
        {
            Name = name,
            Description = description,
            Source = source,
            InputVariables = variables,
            ExecutionSettings = settings,
            Tools = tools,
            Output = output,
            ResearchServers = research,
            LessonPhase = phase,
            Template = body,
            Messages = messages,
            InputVariablesLine = Value(root, "input_variables") is { } declared ? Line(declared) - 1 : yamlFirstLine,
        };
    }

    /// <summary>Compiles a body alone (a prompt built in code rather than read from a file), with the same checks.</summary>
    internal static IReadOnlyList<PromptMessageTemplate> ParseBody(string body, string source, IReadOnlyList<PromptInputVariable> variables)
    {
        body = body.ReplaceLineEndings("\n");

        // Semantic Kernel's own rule: a prompt without message tags is one user message.
        var messages = body.Contains("<message", StringComparison.Ordinal) ? ReadMessages(body, 1, source) : [Compile("user", body, 1, source)];
        CheckVariables(messages, variables, null, source, 1);
        return messages;
    }

    private static (string Yaml, int YamlFirstLine, string Body, int BodyFirstLine) SplitFrontMatter(string text, string source)
    {
        var document = Markdown.Parse(text, FrontMatterPipeline);
        if (document.Count == 0 || document[0] is not YamlFrontMatterBlock block)
        {
            throw Fail(source, 1, "a prompt file starts with YAML front matter between two '---' lines");
        }

        // The block spans the opening '---' line to the closing '---'; its content lines sit between them.
        int yamlStart = text.IndexOf('\n', block.Span.Start) + 1;
        int closingLineStart = text.LastIndexOf('\n', block.Span.End) + 1;
        string yaml = yamlStart <= closingLineStart ? text[yamlStart..closingLineStart] : "";
        int afterClosing = text.IndexOf('\n', block.Span.End);
        int bodyStart = afterClosing < 0 ? text.Length : afterClosing + 1;
        return (yaml, block.Line + 2, text[bodyStart..], CountLines(text, bodyStart) + 1);
    }

    private static int CountLines(string text, int end)
    {
        int n = 0;
        for (int i = 0; i < end; i++)
        {
            if (text[i] == '\n')
            {
                n++;
            }
        }

        return n;
    }

    private static YamlMappingNode LoadYaml(string yaml, int firstLine, string source)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            stream.Load(new YamlDotNet.Core.Parser(scanner));
        }
        catch (YamlException e)
        {
            throw Fail(source, firstLine + (int)e.Start.Line - 1, "bad YAML front matter: " + e.Message.TrimEnd('.'));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some unterminated flow collections: report where it stopped.
            throw Fail(source, firstLine + (int)scanner.CurrentPosition.Line - 1, "bad YAML front matter: an unterminated list or mapping ('[' or '{' without its closing bracket)");
        }

        return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw Fail(source, firstLine, "the front matter must be a YAML mapping (name: …, description: …)");
    }

    private static YamlNode? Value(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string Scalar(YamlNode node, string what, string source, int firstLine) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Fail(source, firstLine + (int)node.Start.Line - 1, $"{what} must be a plain value");

    private static string RequiredScalar(YamlMappingNode map, string key, string source, int firstLine)
    {
        var node = Value(map, key);
        if (node is null)
        {
            throw Fail(source, firstLine + (int)map.Start.Line - 1, $"the front matter has no '{key}'");
        }

        string value = Scalar(node, $"'{key}'", source, firstLine).Trim();
        return value.Length > 0 ? value : throw Fail(source, firstLine + (int)node.Start.Line - 1, $"'{key}' is empty");
    }

    private static List<PromptInputVariable> ReadVariables(YamlNode? node, string source, int firstLine)
    {
        var variables = new List<PromptInputVariable>();
        if (node is null)
        {
            return variables;
        }

        int Line(YamlNode n) => firstLine + (int)n.Start.Line - 1;
        if (node is not YamlSequenceNode sequence)
        {
            throw Fail(source, Line(node), "input_variables must be a list of { name, description, is_required, default }");
        }

        foreach (var item in sequence)
        {
            if (item is not YamlMappingNode map)
            {
                throw Fail(source, Line(item), "each input variable must be a mapping { name, description, is_required, default }");
            }

            foreach (var key in map.Children.Keys)
            {
                string k = Scalar(key, "an input variable key", source, firstLine);
                if (!VariableKeys.Contains(k))
                {
                    throw Fail(source, Line(key), $"unknown input variable key '{k}' (expected {string.Join(", ", VariableKeys)})");
                }
            }

            string name = RequiredScalar(map, "name", source, firstLine);
            if (!VariablePattern().IsMatch(name))
            {
                throw Fail(source, Line(map), $"input variable '{name}' must be an identifier (letters, digits, '_')");
            }

            if (name == LessonsVariable)
            {
                throw Fail(source, Line(map), $"'{LessonsVariable}' is filled from the lesson book and must not be declared");
            }

            if (variables.Any(v => v.Name == name))
            {
                throw Fail(source, Line(map), $"input variable '{name}' is declared twice");
            }

            bool required = true;
            if (Value(map, "is_required") is { } requiredNode)
            {
                required = Scalar(requiredNode, "is_required", source, firstLine) switch
                {
                    "true" => true,
                    "false" => false,
                    var other => throw Fail(source, Line(requiredNode), $"is_required must be true or false, not '{other}'"),
                };
            }

            variables.Add(new PromptInputVariable
            {
                Name = name,
                Description = RequiredScalar(map, "description", source, firstLine),
                IsRequired = required,
                Default = Value(map, "default") is { } d ? YamlJson.ToPlainValue(d) : null,
                Line = Line(map),
            });
        }

        return variables;
    }

    private static List<string> ReadList(YamlNode? node, string key, string source, int firstLine, Action<YamlNode, string> check)
    {
        var values = new List<string>();
        if (node is null)
        {
            return values;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Fail(source, firstLine + (int)node.Start.Line - 1, $"'{key}' must be a list");
        }

        foreach (var item in sequence)
        {
            string value = Scalar(item, $"each entry of '{key}'", source, firstLine).Trim();
            check(item, value);
            if (values.Contains(value, StringComparer.Ordinal))
            {
                throw Fail(source, firstLine + (int)item.Start.Line - 1, $"'{value}' is listed twice in '{key}'");
            }

            values.Add(value);
        }

        return values;
    }

    private static Dictionary<string, PromptExecutionSettings> ReadSettings(YamlNode? node, string source, int firstLine)
    {
        var result = new Dictionary<string, PromptExecutionSettings>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        int Line(YamlNode n) => firstLine + (int)n.Start.Line - 1;
        if (node is not YamlMappingNode services)
        {
            throw Fail(source, Line(node), "execution_settings must map a service id (default) to settings such as temperature and max_tokens");
        }

        foreach (var (serviceKey, serviceNode) in services.Children)
        {
            if (serviceNode is not YamlMappingNode values)
            {
                throw Fail(source, Line(serviceNode), "each execution_settings entry must be a mapping (temperature: 0.2, max_tokens: 4000)");
            }

            foreach (var (settingKey, settingValue) in values.Children)
            {
                string setting = Scalar(settingKey, "a setting name", source, firstLine);
                var plain = YamlJson.ToPlainValue(settingValue);
                string? problem = setting switch
                {
                    "temperature" => plain is double t and >= 0 and <= 2 || plain is long and >= 0 and <= 2 ? null : "temperature must be a number from 0 to 2",
                    "top_p" => plain is double p and >= 0 and <= 1 || plain is long and (0 or 1) ? null : "top_p must be a number from 0 to 1",
                    "max_tokens" => plain is long m and > 0 ? null : "max_tokens must be a whole number above 0",
                    _ => null,
                };
                if (problem is not null)
                {
                    throw Fail(source, Line(settingValue), problem);
                }
            }
        }

        // YAML → JSON → Semantic Kernel's own reader, so settings land exactly where the connectors look for them.
        var json = new JsonObject
        {
            ["name"] = "settings",
            ["template"] = "",
            ["execution_settings"] = YamlJson.ToJson(node),
        };
        foreach (var (serviceId, settings) in PromptTemplateConfig.FromJson(json.ToJsonString()).ExecutionSettings)
        {
            result[serviceId] = settings;
        }

        return result;
    }

    private static LessonPhase? ReadPhase(YamlMappingNode root, string name, string source, int firstLine)
    {
        if (Value(root, "lesson_phase") is { } node)
        {
            string value = Scalar(node, "lesson_phase", source, firstLine);
            return LessonBook.ParsePhase(value)
                ?? throw Fail(source, firstLine + (int)node.Start.Line - 1, $"lesson_phase '{value}' is not a phase (expected one of {string.Join(", ", LessonBook.PhaseNames.Values)})");
        }

        var m = PhasePrefix().Match(name);
        return m.Success && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var n and >= 1 and <= 6 ? PhaseByNumber[n - 1] : null;
    }

    private static List<PromptMessageTemplate> ReadMessages(string body, int bodyFirstLine, string source)
    {
        var messages = new List<PromptMessageTemplate>();
        var lines = body.Split('\n');
        string? role = null;
        int openLine = 0;
        var content = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            int line = bodyFirstLine + i;
            string trimmed = lines[i].Trim();
            var open = OpenTag().Match(trimmed);
            if (open.Success)
            {
                if (role is not null)
                {
                    throw Fail(source, line, $"a <message> opens before the one at line {openLine} is closed");
                }

                role = open.Groups[1].Value;
                if (!Roles.Contains(role))
                {
                    throw Fail(source, line, $"message role '{role}' is not one of system, user, assistant");
                }

                openLine = line;
                content.Clear();
                continue;
            }

            if (trimmed == "</message>")
            {
                if (role is null)
                {
                    throw Fail(source, line, "</message> without an opening <message role=\"…\">");
                }

                messages.Add(Compile(role, string.Join('\n', content), openLine + 1, source));
                role = null;
                continue;
            }

            if (role is not null)
            {
                content.Add(lines[i]);
            }
            else if (trimmed.Length > 0)
            {
                throw Fail(source, line, "text outside a message block (put it inside <message role=\"system\"> … </message>)");
            }
        }

        if (role is not null)
        {
            throw Fail(source, openLine, "this <message> is never closed with </message>");
        }

        return messages.Count > 0 ? messages : throw Fail(source, bodyFirstLine, "the body holds no <message role=\"system\"> or <message role=\"user\"> block");
    }

    private static PromptMessageTemplate Compile(string role, string text, int firstLine, string source)
    {
        var template = Template.Parse(text, source);
        if (template.HasErrors)
        {
            var error = template.Messages.First(m => m.Type == ParserMessageType.Error);
            int lineInBlock = error.Span.Start.Line >= 0 ? error.Span.Start.Line : Math.Max(0, text.Split('\n').Length - 1);
            throw Fail(source, firstLine + lineInBlock, "template error: " + error.Message);
        }

        return new PromptMessageTemplate { Role = role, Template = template, FirstLine = firstLine };
    }

    private static void CheckVariables(List<PromptMessageTemplate> messages, IReadOnlyList<PromptInputVariable> variables, LessonPhase? phase, string source, int bodyFirstLine)
    {
        bool usesLessons = false;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            foreach (var (name, line) in TemplateVariables.Undefined(message.Template.Page!))
            {
                used.Add(name);
                if (name == LessonsVariable)
                {
                    usesLessons = true;
                    continue;
                }

                if (!variables.Any(v => v.Name == name))
                {
                    throw Fail(source, message.FirstLine + Math.Max(0, line), $"the template uses '{name}' but input_variables does not declare it");
                }
            }
        }

        // A declared input the body never shows is a typo on one side or the other, and callers would supply it for nothing.
        if (variables.FirstOrDefault(v => !used.Contains(v.Name)) is { } unused)
        {
            throw Fail(source, unused.Line, $"input '{unused.Name}' is declared but the template never uses it");
        }

        if (phase is not null && !usesLessons)
        {
            throw Fail(source, bodyFirstLine, $"a phase prompt must show its lessons: add {{{{ {LessonsVariable} }}}} to a message");
        }
    }

    private static InvalidInputException Fail(string source, int line, string message) => new($"{source}:{line}: {message}.");

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariablePattern();

    [GeneratedRegex("^phase([0-9])_")]
    private static partial Regex PhasePrefix();

    [GeneratedRegex("""^<message\s+role\s*=\s*["']([^"']*)["']\s*>$""")]
    private static partial Regex OpenTag();
}
