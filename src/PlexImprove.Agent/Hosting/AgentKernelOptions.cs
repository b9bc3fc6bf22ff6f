using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Research;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Hosting;

/// <summary>What a kernel for one run or chat is built with, besides the connection.</summary>
public sealed class AgentKernelOptions
{
    /// <summary>Tool rounds per phase when <c>Llm:MaxToolRounds</c> is not set: room to read code, logs and pages, not to wander.</summary>
    public const int DefaultMaxToolRounds = 12;

    /// <summary>Tokens per phase when <c>Llm:MaxTokensPerPhase</c> is not set: a diagnosis with a dozen tool rounds fits.</summary>
    public const long DefaultMaxTokensPerPhase = 200_000;

    /// <summary>Tokens per run when <c>Llm:MaxTokensPerRun</c> is not set: a handful of iterations.</summary>
    public const long DefaultMaxTokensPerRun = 1_000_000;

    /// <summary>The tool registry (the plugin <c>plex</c> with every canonical tool and its error filter); null for none.</summary>
    public ToolRegistry? Registry { get; init; }

    /// <summary>More tool functions, added to the plugin <see cref="PluginName"/> when there is no registry.</summary>
    public IReadOnlyList<KernelFunction> Tools { get; init; } = [];

    /// <summary>The plugin the tools are grouped in; a model sees <c>plex-read_agent_file</c>.</summary>
    public string PluginName { get; init; } = "plex";

    /// <summary>Who may allow writer tools. Default: none may run.</summary>
    public IWriteApprover Approver { get; init; } = WritePolicies.RefuseAll;

    /// <summary>Tool rounds per phase (<c>Llm:MaxToolRounds</c>). Default 12.</summary>
    public int MaxToolRounds { get; init; } = DefaultMaxToolRounds;

    /// <summary><c>Llm:MaxTokensPerPhase</c>; 0 means no limit. Default 200 000.</summary>
    public long MaxTokensPerPhase { get; init; } = DefaultMaxTokensPerPhase;

    /// <summary><c>Llm:MaxTokensPerRun</c>; 0 means no limit. Default 1 000 000.</summary>
    public long MaxTokensPerRun { get; init; } = DefaultMaxTokensPerRun;

    /// <summary>The JSON-lines transcript file; null keeps none.</summary>
    public string? TranscriptPath { get; init; }

    /// <summary>Other secrets to keep out of the transcript (the Plex token).</summary>
    public IReadOnlyList<string?> ExtraSecrets { get; init; } = [];

    /// <summary>The research MCP servers a phase may attach (<c>Research:Servers</c>); null for none.</summary>
    public ResearchConnector? Research { get; init; }

    /// <summary>Where a research server that fails is reported once (stderr in the CLI); the log and transcript get it too.</summary>
    public Action<string>? ResearchReport { get; init; }

    /// <summary>Where a wait before a retry of the model endpoint is reported as it starts (stderr in the CLI); null keeps it in the log only.</summary>
    public Action<string>? WaitReport { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
