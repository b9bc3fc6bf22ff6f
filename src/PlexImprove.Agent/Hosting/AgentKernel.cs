using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// A kernel ready for one run or chat: chat completion against the configured endpoint, the tools, and the filters
/// (token budget, tool-round cap, transcript, writer approval). Owns the HTTP stack and the transcript file.
/// </summary>
public sealed class AgentKernel : IDisposable
{
    private readonly IDisposable _http;

    internal AgentKernel(Kernel kernel, LlmConnection connection, TokenBudget budget, ToolRoundLimitFilter rounds, LlmTranscript transcript, IDisposable http)
    {
        Kernel = kernel;
        Connection = connection;
        Budget = budget;
        Rounds = rounds;
        Transcript = transcript;
        _http = http;
    }

    public Kernel Kernel { get; }
    public LlmConnection Connection { get; }
    public TokenBudget Budget { get; }
    public ToolRoundLimitFilter Rounds { get; }
    public LlmTranscript Transcript { get; }

    public IChatCompletionService Chat => Kernel.GetRequiredService<IChatCompletionService>();

    /// <summary>Starts a phase: its own token count and tool rounds.</summary>
    public void BeginPhase(string phase)
    {
        Budget.BeginPhase(phase);
        Rounds.Reset();
        Transcript.Write("note", new Dictionary<string, object?> { ["phase"] = phase, ["model"] = Connection.Model, ["endpoint"] = Connection.Endpoint.ToString() });
    }

    public void Dispose()
    {
        _http.Dispose();
        Transcript.Dispose();
    }
}
