using Microsoft.Extensions.Logging;
using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Sites;

namespace PlexImprove.Cli.Hosting;

/// <summary>
/// The brain of a loop run: the one asked for with <c>--brain</c>, else the LLM when <c>Llm:Provider</c> names one,
/// else the playbook. Owns what the LLM brain needs (kernel, logging) until disposed.
/// </summary>
public sealed class LoopBrain : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private LoopBrain(CliContext context, string? requested)
    {
        Context = context;
        Kind = BrainFactory.Choose(requested, AgentHost.ConfiguredProvider(context, null) is not null, AgentHost.NotConfigured);
    }

    public CliContext Context { get; }

    public BrainKind Kind { get; }

    /// <summary>Checks the choice (an LLM asked for but not configured is exit code 2) before anything starts.</summary>
    public static LoopBrain Choose(CliContext context, string? requested) => new(context, requested);

    /// <summary>Builds the brain over the run's folders; the LLM's transcript and log go into the work folder.</summary>
    public IBrain Create(IPageFetcher fetcher, string pluginsDir, string logsDir, string workDir)
    {
        if (Kind != BrainKind.Llm)
        {
            return BrainFactory.Playbook(fetcher, TimeProvider.System);
        }

        Directory.CreateDirectory(workDir);
        var loggerFactory = AgentLogging.Create(workDir);
        _owned.Add(loggerFactory);
        var connection = AgentHost.Connection(Context, null, null);
        var tools = AgentHost.Tools(Context, pluginsDir, logsDir, workDir, 1, fetcher, loggerFactory.CreateLogger("PlexImprove.Tools"));
        var kernel = AgentHost.Kernel(Context, connection, tools, WritePolicies.RefuseAll, workDir, "llm_transcript.jsonl", loggerFactory);
        _owned.Add(kernel);
        return BrainFactory.Llm(kernel, AgentPaths.LoadPrompts(Context), TimeProvider.System, loggerFactory.CreateLogger("PlexImprove.Loop"));
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }
}
