using Microsoft.SemanticKernel;
using ModelContextProtocol.Server;
using PlexImprove.Agent.Tools;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Mcp.Hosting;

/// <summary>What the MCP server serves and under which policy.</summary>
public sealed class McpServeOptions
{
    /// <summary>The registry's tools, served under their canonical names.</summary>
    public required IReadOnlyList<AgentTool> Tools { get; init; }

    /// <summary>The kernel the tools' functions run in. Default: an empty kernel.</summary>
    public Kernel Kernel { get; init; } = new();

    /// <summary>
    /// The phase prompts, which may still be loading: <c>initialize</c> and <c>tools/list</c> are answered without them,
    /// <c>prompts/list</c> and <c>prompts/get</c> wait for them. Default: none.
    /// </summary>
    public Task<IReadOnlyList<McpServerPrompt>> Prompts { get; init; } = Task.FromResult<IReadOnlyList<McpServerPrompt>>([]);

    /// <summary>Whether writers may run (<c>--allow-writes</c> / <c>Mcp:AllowWrites</c>). Default false.</summary>
    public bool AllowWrites { get; init; }

    /// <summary>The work folder whose reports are served as resources.</summary>
    public required string WorkDir { get; init; }

    /// <summary>The lesson book served as a resource, or null.</summary>
    public string? LessonsFile { get; init; }

    /// <summary>Masks the Plex token, API keys and the bearer token in everything the server sends.</summary>
    public SecretRedactor Redactor { get; init; } = SecretRedactor.Shared;

    /// <summary>Limits of the HTTP transport (allowed hosts, sessions, body size); stdio ignores them.</summary>
    public McpHttpOptions Http { get; init; } = new();

    /// <summary>The version reported to clients.</summary>
    public string Version { get; init; } = typeof(McpServeOptions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
}
