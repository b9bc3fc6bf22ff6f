using Microsoft.SemanticKernel;

namespace PlexImprove.Agent.Tools;

/// <summary>
/// Every tool of <see cref="ToolNames.All"/> over one <see cref="ToolEnvironment"/>: the same functions serve the loop's
/// LLM brain, <c>chat</c> and the MCP server.
/// </summary>
/// <remarks>
/// <para>
/// Naming. The kernel functions carry the canonical names (<c>read_agent_file</c>) and live in one plugin named
/// <see cref="PluginName"/> (<c>plex</c>). Semantic Kernel shows a plugin function to a model as
/// <c>&lt;plugin&gt;-&lt;function&gt;</c> (<c>plex-read_agent_file</c>), and <c>AsAIFunction()</c> names it
/// <c>plex_read_agent_file</c>. Canonical names never contain <c>-</c>, and none is another canonical name with
/// <c>plex_</c> in front (<c>plex_status</c> is not <c>plex_</c> + a tool), so <see cref="CanonicalName"/> maps both
/// forms back unambiguously by removing the prefix only when what remains is a canonical name; MCP and
/// <see cref="ToAIFunctions"/> use the canonical names themselves.
/// </para>
/// <para>
/// Errors. Each tool returns failures as one <c>Error: …</c> line. <see cref="AddTo"/> also installs
/// <see cref="ToolErrorFilter"/>, which does the same for failures before a tool body runs (a missing or malformed
/// argument), so a model always gets a readable result, never a stack trace.
/// </para>
/// </remarks>
public sealed class ToolRegistry
{
    /// <summary>The kernel plugin holding every tool.</summary>
    public const string PluginName = "plex";

    /// <summary>Writers that may destroy something (agent code, a running plugin); refreshes only re-read metadata.</summary>
    private static readonly HashSet<string> DestructiveTools = new(StringComparer.Ordinal) { ToolNames.ApplyPatch, ToolNames.RollbackFix, ToolNames.RestartPlex };

    /// <summary>Tools that reach beyond this machine's files: Plex and the agents' sites.</summary>
    private static readonly HashSet<string> OpenWorldTools = new(StringComparer.Ordinal)
    {
        ToolNames.PlexStatus, ToolNames.PlexFindItems, ToolNames.PlexRefreshItems, ToolNames.RestartPlex, ToolNames.FetchPage, ToolNames.TestXPath, ToolNames.PreflightFix,
    };

    /// <summary>Writers whose second identical call changes nothing more (a rollback finds the files already original).</summary>
    private static readonly HashSet<string> IdempotentWriters = new(StringComparer.Ordinal) { ToolNames.RollbackFix };

    private readonly Dictionary<string, AgentTool> _byName;

    private ToolRegistry(KernelPlugin plugin, IReadOnlyList<AgentTool> tools, ToolFailureBoundary failures)
    {
        Failures = failures;
        Plugin = plugin;
        Tools = tools;
        _byName = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The tools, in the order of <see cref="ToolNames.All"/>.</summary>
    public IReadOnlyList<AgentTool> Tools { get; }

    /// <summary>The kernel plugin (<see cref="PluginName"/>) holding every tool function.</summary>
    public KernelPlugin Plugin { get; }

    /// <summary>The one boundary that turns the tools' exceptions into answers (also for MCP and <c>chat</c>).</summary>
    public ToolFailureBoundary Failures { get; }

    /// <summary>Builds every tool over <paramref name="environment"/>.</summary>
    public static ToolRegistry Create(ToolEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var runtime = new ToolRuntime(environment);
        object[] capabilities =
        [
            new LogTools(runtime), new CodeTools(runtime), new ChangeTools(runtime), new PlexTools(runtime),
            new MetricTools(runtime), new LessonTools(runtime), new RunTools(runtime), new SiteTools(runtime), new PreflightTools(runtime),
        ];
        var functions = capabilities
            .SelectMany(c => KernelPluginFactory.CreateFromObject(c, PluginName))
            .ToDictionary(f => f.Name, StringComparer.Ordinal);
        var missing = ToolNames.All.Where(n => !functions.ContainsKey(n)).ToList();
        var extra = functions.Keys.Where(n => !ToolNames.All.Contains(n)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new InvalidOperationException($"The tool classes do not match ToolNames.All: missing {string.Join(", ", missing)}; unknown {string.Join(", ", extra)}.");
        }

        var plugin = KernelPluginFactory.CreateFromFunctions(PluginName, "Plex metadata agent repair tools: logs, agent code, fixes, Plex, metrics, lessons, run reports, sites.", ToolNames.All.Select(n => functions[n]));
        var tools = ToolNames.All.Select(name =>
        {
            var function = plugin[name];
            var writer = ToolNames.Writers.Contains(name);
            return new AgentTool
            {
                Name = name,
                Description = function.Description,
                Access = writer ? ToolAccess.Writer : ToolAccess.ReadOnly,
                Destructive = DestructiveTools.Contains(name),
                Idempotent = !writer || IdempotentWriters.Contains(name),
                OpenWorld = OpenWorldTools.Contains(name),
                Function = function,
                TimeLimit = writer ? null : environment.Limits.MaxCallTime,
                MaxAnswerChars = environment.Limits.MaxChars,
                Time = environment.Time,
            };
        }).ToList();
        return new ToolRegistry(plugin, tools, environment.Failures);
    }

    /// <summary>The tool with this canonical name, or with a name as a model sees it (<c>plex-read_agent_file</c>); null when none.</summary>
    public AgentTool? Find(string name) => _byName.GetValueOrDefault(CanonicalName(name));

    /// <summary>The kernel plugin holding every tool (the same object as <see cref="Plugin"/>).</summary>
    public KernelPlugin ToKernelPlugin() => Plugin;

    /// <summary>
    /// Adds the tools to <paramref name="kernel"/> as the plugin <see cref="PluginName"/>, with the filter that turns
    /// a failing call into a readable <c>Error: …</c> result.
    /// </summary>
    public void AddTo(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (!kernel.Plugins.Contains(PluginName))
        {
            kernel.Plugins.Add(Plugin);
        }

        if (!kernel.FunctionInvocationFilters.OfType<ToolErrorFilter>().Any())
        {
            kernel.FunctionInvocationFilters.Add(new ToolErrorFilter(Failures));
        }
    }

    /// <summary>
    /// The tools as AIFunctions under their canonical names, bound to <paramref name="kernel"/> (the tools are added to
    /// it first): for the MCP server (<c>McpServerTool.Create(function, options)</c>) and for an <see cref="Microsoft.Extensions.AI.IChatClient"/>.
    /// </summary>
    public IReadOnlyList<ToolAIFunction> ToAIFunctions(Kernel kernel)
    {
        AddTo(kernel);
        return [.. Tools.Select(t => new ToolAIFunction(t, kernel, Failures))];
    }

    /// <summary>
    /// The canonical name behind a name a model or client used: <c>plex-read_agent_file</c> (Semantic Kernel's
    /// function-calling name) and <c>plex_read_agent_file</c> (<c>AsAIFunction()</c>) both give <c>read_agent_file</c>;
    /// any other name is returned as it is.
    /// </summary>
    public static string CanonicalName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var separator in new[] { '-', '_' })
        {
            var prefix = PluginName + separator;
            if (name.StartsWith(prefix, StringComparison.Ordinal) && ToolNames.All.Contains(name[prefix.Length..]))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }

    /// <summary>The name a model sees for a canonical tool name through Semantic Kernel's function calling (<c>plex-read_agent_file</c>).</summary>
    public static string ModelName(string canonicalName) => PluginName + "-" + canonicalName;
}
