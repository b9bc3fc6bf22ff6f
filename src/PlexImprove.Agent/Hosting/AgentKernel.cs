using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using PlexImprove.Agent.Research;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// A kernel ready for one run or chat: chat completion against the configured endpoint, the tools, and the filters
/// (token budget, tool-round cap, transcript, writer approval). Owns the HTTP stack and the transcript file.
/// </summary>
public sealed class AgentKernel : IDisposable
{
    private readonly IDisposable _http;
    private readonly ResearchConnector? _research;
    private readonly Action<string>? _researchReport;

    internal AgentKernel(
        Kernel kernel, LlmConnection connection, TokenBudget budget, ToolRoundLimitFilter rounds, ModelRequestCap requests, LlmTranscript transcript, IDisposable http,
        ResearchConnector? research = null, Action<string>? researchReport = null)
    {
        _research = research;
        _researchReport = researchReport;
        Kernel = kernel;
        Connection = connection;
        Budget = budget;
        Rounds = rounds;
        Requests = requests;
        Transcript = transcript;
        _http = http;
    }

    public Kernel Kernel { get; }
    public LlmConnection Connection { get; }
    public TokenBudget Budget { get; }
    public ToolRoundLimitFilter Rounds { get; }

    /// <summary>The cap on model requests per phase, counted where each request leaves.</summary>
    public ModelRequestCap Requests { get; }
    public LlmTranscript Transcript { get; }

    public IChatCompletionService Chat => Kernel.GetRequiredService<IChatCompletionService>();

    /// <summary>Starts a phase: its own token count and tool rounds.</summary>
    public void BeginPhase(string phase)
    {
        Budget.BeginPhase(phase);
        Rounds.Reset();
        Requests.BeginPhase(phase);
        Transcript.Write("note", new Dictionary<string, object?> { ["phase"] = phase, ["model"] = Connection.Model, ["endpoint"] = Connection.Endpoint.ToString() });
    }

    /// <summary>
    /// Connects the research servers offered in <paramref name="phase"/> and adds their allowed tools to the kernel;
    /// a server that fails is reported once and skipped. Dispose the session at the end of the phase: it removes the
    /// tools and closes the connections.
    /// </summary>
    public async Task<ResearchSession> AttachResearchAsync(string phase, CancellationToken cancellationToken)
    {
        if (_research is null || _research.Options.Servers.Count == 0)
        {
            return ResearchSession.Empty(phase);
        }

        var session = await _research.AttachAsync(phase, ReportResearchProblem, cancellationToken).ConfigureAwait(false);
        session.AttachTo(Kernel);
        Transcript.Write("note", new Dictionary<string, object?>
        {
            ["phase"] = phase,
            ["researchTools"] = string.Join(", ", session.Tools.Select(t => t.Name)),
        });
        return session;
    }

    /// <summary>Tells the user (once, through the host's report) and the transcript that research is not as expected.</summary>
    public void ReportResearchProblem(string message)
    {
        Transcript.Write("note", new Dictionary<string, object?> { ["researchServerFailed"] = message });
        _researchReport?.Invoke(message);
    }

    public void Dispose()
    {
        _http.Dispose();
        Transcript.Dispose();
    }
}
