using System.Text.Json;
using Microsoft.SemanticKernel;
using ModelContextProtocol;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Mcp.Tools;

/// <summary>
/// Runs one registry tool's kernel function with the JSON arguments an MCP client sent, after checking them against
/// the function's declared parameters so a bad call names its problem instead of failing inside the tool.
/// </summary>
public sealed class AgentToolInvoker
{
    private readonly Kernel _kernel;

    public AgentToolInvoker(AgentTool tool, Kernel kernel)
    {
        Tool = tool;
        _kernel = kernel;
    }

    public AgentTool Tool { get; }

    /// <summary>The names of the parameters the tool takes.</summary>
    public IEnumerable<string> ParameterNames => Tool.Function.Metadata.Parameters.Select(p => p.Name);

    /// <summary>Runs the tool and returns its raw result (a string, a record, or null).</summary>
    public async ValueTask<object?> InvokeAsync(IReadOnlyDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken)
    {
        var kernelArguments = Bind(arguments ?? new Dictionary<string, JsonElement>());
        var result = await _kernel.InvokeAsync(Tool.Function, kernelArguments, cancellationToken).ConfigureAwait(false);
        return result.GetValue<object>();
    }

    private KernelArguments Bind(IReadOnlyDictionary<string, JsonElement> arguments)
    {
        var parameters = Tool.Function.Metadata.Parameters;
        var unknown = arguments.Keys.Where(k => !parameters.Any(p => string.Equals(p.Name, k, StringComparison.Ordinal))).ToList();
        if (unknown.Count > 0)
        {
            throw new McpException(
                $"{Tool.Name}: unknown argument{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                $"it takes {(parameters.Count == 0 ? "no arguments" : string.Join(", ", parameters.Select(p => p.Name)))}.");
        }

        var missing = parameters
            .Where(p => p.IsRequired && (!arguments.TryGetValue(p.Name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined))
            .Select(p => $"'{p.Name}'")
            .ToList();
        if (missing.Count > 0)
        {
            throw new McpException($"{Tool.Name}: missing required argument{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}.");
        }

        var bound = new KernelArguments();
        foreach (var (name, value) in arguments)
        {
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue;
            }

            var parameter = parameters.First(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            bound[name] = Convert(value, parameter.ParameterType, name);
        }

        return bound;
    }

    private object? Convert(JsonElement value, Type? type, string name)
    {
        if (type is null)
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        }

        try
        {
            return value.Deserialize(type, ToolJson.Options);
        }
        catch (JsonException e)
        {
            throw new McpException($"{Tool.Name}: argument '{name}' must be {Describe(type)}: {e.Message}");
        }
    }

    private static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) ? "a string"
            : t == typeof(bool) ? "true or false"
            : t == typeof(int) || t == typeof(long) ? "a whole number"
            : t == typeof(double) || t == typeof(float) || t == typeof(decimal) ? "a number"
            : t.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(t))}"
            : t.IsArray || (t.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(t)) ? "an array"
            : "an object";
    }
}
