using System.CommandLine;
using System.Text;
using System.Text.Json;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Prompts;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Errors;

namespace PlexImprove.Cli.Commands;

/// <summary><c>prompts</c>: list, show and render the phase prompts, exactly as the model would receive them.</summary>
public static class PromptsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("prompts", "List, show and render the six phase prompts (Agent:PromptsDir) with the lessons of their phase.");
        command.Subcommands.Add(CreateList(context));
        command.Subcommands.Add(CreateShow(context));
        command.Subcommands.Add(CreateRender(context));
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var command = new Command("list", "List the prompts: name, answer shape, lesson phase, inputs (* = required) and tools. Every prompt file is validated first.");
        command.SetAction(context, async (_, _) =>
        {
            var library = AgentPaths.LoadPrompts(context);
            foreach (var prompt in library.Prompts)
            {
                await context.Out.WriteLineAsync(Summary(prompt)).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateShow(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The prompt's name, e.g. phase2_diagnosis (see 'prompts list')." };
        var command = new Command("show", "Show one prompt: its file, inputs, settings, tools, answer shape and the template as written.") { name };
        command.SetAction(context, async (parseResult, _) =>
        {
            var prompt = AgentPaths.LoadPrompts(context).Get(parseResult.GetValue(name)!);
            var sb = new StringBuilder();
            sb.Append(Summary(prompt)).Append('\n');
            sb.Append("  file: ").Append(prompt.Source).Append('\n');
            foreach (var variable in prompt.InputVariables)
            {
                sb.Append("  input ").Append(variable.Name).Append(variable.IsRequired ? " (required)" : " (optional)");
                if (variable.Default is { } d)
                {
                    sb.Append(", default ").Append(Convert.ToString(d, System.Globalization.CultureInfo.InvariantCulture));
                }

                sb.Append(": ").Append(variable.Description).Append('\n');
            }

            foreach (var (serviceId, settings) in prompt.ExecutionSettings)
            {
                var values = settings.ExtensionData?.Select(kv => $"{kv.Key} {kv.Value}") ?? [];
                sb.Append("  settings (").Append(serviceId).Append("): ").Append(string.Join(", ", values)).Append('\n');
            }

            if (prompt.ResearchServers.Count > 0)
            {
                sb.Append("  research servers: ").Append(string.Join(", ", prompt.ResearchServers)).Append('\n');
            }

            sb.Append("  lessons: ").Append(prompt.LessonPhase is { } phase ? $"the top rules of '{LessonBook.PhaseNames[phase]}' fill {{{{ lessons }}}}" : "none").Append("\n\n");
            sb.Append(prompt.Template.TrimEnd('\n')).Append('\n');
            await context.Out.WriteAsync(sb.ToString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateRender(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The prompt's name, e.g. phase2_diagnosis." };
        var vars = new Option<string[]>("--var") { Description = "An input as name=value; name=@FILE reads the value from a file. Repeatable; wins over --vars.", AllowMultipleArgumentsPerToken = false };
        var varsFile = new Option<string?>("--vars") { Description = "A JSON object of inputs (objects and lists are walkable in the template, e.g. {{ fix.title }})." };
        var lessons = new Option<string?>("--lessons") { Description = "The lessons file to show (default: Agent:LessonsPath, lessons/lessons_learned.md)." };
        var json = new Option<bool>("--json") { Description = "Print the messages as a JSON list of { role, content }." };
        var command = new Command("render", "Print exactly what the model would receive: each message, with the inputs and the phase's top lessons filled in.") { name, vars, varsFile, lessons, json };
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var library = AgentPaths.LoadPrompts(context);
            var promptName = parseResult.GetValue(name)!;
            library.Get(promptName);
            var variables = ReadVariablesFile(parseResult.GetValue(varsFile));
            foreach (var (key, value) in ParseVars(parseResult.GetValue(vars) ?? []))
            {
                variables[key] = value;
            }

            var book = AgentPaths.LoadLessons(context, parseResult.GetValue(lessons));
            var messages = library.RenderMessages(promptName, variables, book, cancellationToken);
            if (parseResult.GetValue(json))
            {
                await JsonOutput.WriteAsync(context, messages.Select(m => new { role = m.Role, content = m.Content })).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await context.Out.WriteAsync(PromptLibrary.FormatMessages(messages)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Summary(PromptDefinition prompt)
    {
        string phase = prompt.LessonPhase is { } p ? LessonBook.PhaseNames[p] : "-";
        string inputs = prompt.InputVariables.Count == 0 ? "none" : string.Join(", ", prompt.InputVariables.Select(v => v.IsRequired ? v.Name + "*" : v.Name));
        return $"{prompt.Name}  (output: {prompt.Output}, lessons: {phase})\n  {prompt.Description}\n  inputs: {inputs}\n  tools: {string.Join(", ", prompt.Tools)}";
    }

    private static Dictionary<string, object?> ReadVariablesFile(string? path)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(path))
        {
            return variables;
        }

        if (!File.Exists(path))
        {
            throw new InvalidInputException($"--vars: the file '{path}' does not exist.");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"--vars: '{path}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException($"--vars: '{path}' must hold a JSON object of inputs, e.g. {{ \"digest\": \"...\" }}.");
        }

        foreach (var property in root.EnumerateObject())
        {
            variables[property.Name] = property.Value;
        }

        return variables;
    }

    private static IEnumerable<KeyValuePair<string, object?>> ParseVars(IEnumerable<string> pairs)
    {
        foreach (var pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new InvalidInputException($"--var '{pair}' must read name=value (or name=@FILE).");
            }

            string key = pair[..eq].Trim();
            string value = pair[(eq + 1)..];
            if (value.StartsWith('@'))
            {
                string file = value[1..];
                value = File.Exists(file) ? File.ReadAllText(file) : throw new InvalidInputException($"--var {key}: the file '{file}' does not exist.");
            }

            yield return new KeyValuePair<string, object?>(key, value);
        }
    }
}
