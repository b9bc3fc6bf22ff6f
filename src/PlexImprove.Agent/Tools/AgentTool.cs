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

    /// <summary>How long one call may take before it is stopped with an error answer; null for writers, which are never cut short.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Characters of one answer at most (the tools' own cap; a server adds nothing past it).</summary>
    public int MaxAnswerChars { get; init; } = 16_000;

    /// <summary>The clock of <see cref="TimeLimit"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
