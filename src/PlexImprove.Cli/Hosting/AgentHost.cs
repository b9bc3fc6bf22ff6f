using Microsoft.Extensions.Logging;
using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Research;
using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tools;
using PlexImprove.Core.Errors;

namespace PlexImprove.Cli.Hosting;

/// <summary>What <c>diagnose</c> and <c>chat</c> share: the LLM connection from settings and options, the tool registry and the kernel.</summary>
public static class AgentHost
{
    /// <summary>The configured provider (<c>Llm:Provider</c>), or null when no LLM is configured.</summary>
    public static LlmProvider? ConfiguredProvider(CliContext context, string? endpointOption) =>
        LlmConnection.ParseProvider(context.Settings.Llm.Provider) is { } provider ? provider
        : string.IsNullOrWhiteSpace(endpointOption) ? null
        : LlmProvider.OpenAI;

    /// <summary>The connection: <c>Llm:*</c> settings, then <c>--llm-endpoint</c> / <c>--llm-model</c>, the key from <c>OPENAI_API_KEY</c>.</summary>
    public static LlmConnection Connection(CliContext context, string? endpointOption, string? modelOption)
    {
        var settings = context.Settings.Llm;
        var provider = ConfiguredProvider(context, endpointOption) ?? throw new InvalidInputException(NotConfigured);

        // An endpoint given on the command line for a local server is used with a dummy key when none is set.
        return LlmConnection.Resolve(
            provider,
            string.IsNullOrWhiteSpace(endpointOption) ? settings.Endpoint : endpointOption,
            string.IsNullOrWhiteSpace(modelOption) ? settings.Model : modelOption,
            context.Secrets.OpenAiApiKey ?? (IsLocal(endpointOption) ? LlmConnection.LocalDummyKey : null),
            TimeSpan.FromSeconds(Math.Max(1, settings.RequestTimeoutSeconds)),
            settings.Retries,
            settings.MaxAnswerBytes,
            TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds));
    }

    /// <summary>How to configure an LLM, for the error when none is.</summary>
    public const string NotConfigured =
        "no LLM is configured. Set Llm:Provider (openai, azure, ollama, lmstudio or vllm) in appsettings.Local.json or " +
        "PLEXIMPROVE__Llm__Provider, with Llm:Model and, for openai and azure, OPENAI_API_KEY in the environment or .env; " +
        "or pass --llm-endpoint URL (an OpenAI-compatible server such as http://localhost:11434/v1) and --llm-model NAME. " +
        "See README, 'The agent host'.";

    /// <summary>The tools over the configured folders; the Plex tools work when <c>PLEX_TOKEN</c> is set.</summary>
    public static ToolRegistry Tools(CliContext context, string pluginsDir, string logsDir, string workDir, int iteration, IPageFetcher fetcher, ILogger? logger = null) =>
        ToolRegistry.Create(new ToolEnvironment
        {
            PluginsDir = pluginsDir,
            LogsDir = logsDir,
            WorkDir = workDir,
            Iteration = iteration,
            PythonFactory = ct => ChangeServices.LocatePythonAsync(context, ct),
            GateProcesses = context.Settings.Gate.Processes,
            GateTimeout = TimeSpan.FromSeconds(Math.Max(5, context.Settings.Gate.TimeoutSeconds)),
            PlexClientFactory = context.Secrets.PlexToken is null ? null : () => PlexConnection.CreateClient(context, null, workDir),
            PreflightFactory = ct => RunPreflight.ForToolsAsync(context, null, pluginsDir, ct),
            PageFetcher = fetcher,
            SiteHosts = context.Settings.Agent.SiteHosts,
            LessonsPath = AgentPaths.LessonsPath(context),
            Logger = logger,
        });

    /// <summary>The kernel for one command: tools, filters, budgets from <c>Llm:*</c>, the transcript in <paramref name="runFolder"/>.</summary>
    public static AgentKernel Kernel(CliContext context, LlmConnection connection, ToolRegistry tools, IWriteApprover approver, string runFolder, string transcriptName, ILoggerFactory loggerFactory) =>
        AgentKernelFactory.Create(connection, new AgentKernelOptions
        {
            Registry = tools,
            Approver = approver,
            MaxToolRounds = Math.Max(1, context.Settings.Llm.MaxToolRounds),
            MaxTokensPerPhase = context.Settings.Llm.MaxTokensPerPhase,
            MaxTokensPerRun = context.Settings.Llm.MaxTokensPerRun,
            TranscriptPath = Path.Combine(runFolder, transcriptName),
            ExtraSecrets = [context.Secrets.PlexToken],
            LoggerFactory = loggerFactory,
            Research = Research(context, loggerFactory),
            ResearchReport = message => context.Error.WriteLine("warning: " + message),
            WaitReport = message => context.Error.WriteLine("note: " + message),
        });

    /// <summary>The research servers of <c>Research:Servers</c>, their secrets looked up by name in the environment or <c>.env</c>.</summary>
    public static ResearchConnector Research(CliContext context, ILoggerFactory? loggerFactory) =>
        new(context.Settings.Research, context.Secrets.Named, loggerFactory);

    private static bool IsLocal(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Host.EndsWith(".local", StringComparison.OrdinalIgnoreCase));
}
