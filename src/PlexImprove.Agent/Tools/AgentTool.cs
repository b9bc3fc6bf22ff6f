using Microsoft.SemanticKernel;

namespace PlexImprove.Agent.Tools;

/// <summary>
/// One tool of the registry: its canonical name, description (from the method's <c>[Description]</c>), access and
/// MCP-style hints, and the kernel function that runs it. The same object serves the kernel, <c>chat</c> and MCP.
/// </summary>
public sealed class AgentTool
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required ToolAccess Access { get; init; }

    /// <summary>May destroy or overwrite something (agent code, a running plugin).</summary>
    public bool Destructive { get; init; }

    /// <summary>Calling it twice with the same arguments has no further effect.</summary>
    public bool Idempotent { get; init; }

    /// <summary>Reaches outside this machine's files (Plex, the agents' sites).</summary>
    public bool OpenWorld { get; init; }

    public required KernelFunction Function { get; init; }
}
