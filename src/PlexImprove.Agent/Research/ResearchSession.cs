using Microsoft.SemanticKernel;

namespace PlexImprove.Agent.Research;

/// <summary>
/// The research servers connected for one phase: their allowed tools as the kernel plugin <c>research</c>
/// (functions <c>&lt;server&gt;_&lt;tool&gt;</c>). Disposing removes the plugin and closes every connection, so nothing
/// outlives the phase.
/// </summary>
public sealed class ResearchSession : IAsyncDisposable
{
    /// <summary>The plugin name research tools are grouped under; a model sees <c>research-&lt;server&gt;_&lt;tool&gt;</c>.</summary>
    public const string PluginName = "research";

    private readonly IReadOnlyList<ResearchConnection> _connections;
    private Kernel? _kernel;
    private KernelPlugin? _plugin;

    internal ResearchSession(string phase, IReadOnlyList<ResearchConnection> connections, IReadOnlyList<ResearchServerStatus> servers)
    {
        Phase = phase;
        _connections = connections;
        Servers = servers;
    }

    /// <summary>A session with no server: nothing configured for the phase.</summary>
    public static ResearchSession Empty(string phase) => new(phase, [], []);

    public string Phase { get; }

    /// <summary>Every configured server and what became of it.</summary>
    public IReadOnlyList<ResearchServerStatus> Servers { get; }

    /// <summary>The tools attached, over all connected servers.</summary>
    public IReadOnlyList<ResearchTool> Tools => [.. _connections.SelectMany(c => c.Tools)];

    /// <summary>Adds the tools to <paramref name="kernel"/> as the plugin <see cref="PluginName"/> (nothing when there are none).</summary>
    public void AttachTo(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (Tools.Count == 0 || _plugin is not null)
        {
            return;
        }

        _plugin = KernelPluginFactory.CreateFromFunctions(PluginName, "Tools of the research MCP servers.", Tools.Select(t => t.AsKernelFunction()));
        kernel.Plugins.Add(_plugin);
        _kernel = kernel;
    }

    /// <summary>What the model is told about the research tools (empty when none are attached).</summary>
    public string Describe()
    {
        if (Tools.Count == 0)
        {
            return "";
        }

        var lines = _connections.Select(c => $"- {c.Server.Name}: {string.Join(", ", c.Tools.Select(t => t.Name))}");
        return "Research tools from other MCP servers are available for this phase (documentation, web search, a browser):\n"
            + string.Join("\n", lines)
            + "\nUse them to check an API, a site's current markup or a known problem before proposing a fix. Their results are"
            + " recorded in the run's transcript under the tool call id: when a fix relies on one, add an evidence entry"
            + " {\"kind\": \"research\", \"ref\": \"<tool call id>\", \"excerpt\": \"<the part you used>\"}.";
    }

    public async ValueTask DisposeAsync()
    {
        if (_plugin is not null)
        {
            _kernel?.Plugins.Remove(_plugin);
            _plugin = null;
        }

        foreach (var connection in _connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
