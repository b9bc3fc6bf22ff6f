namespace PlexImprove.Agent.Hosting;

/// <summary>
/// Caps the model requests of one phase, whatever the model asked for. The tool-round filter only sees calls of
/// tools that exist with arguments that parse; calls of undefined tools or with non-JSON arguments are answered by
/// Semantic Kernel itself and would loop on. Counted where each request leaves, so no answer can dodge it.
/// </summary>
public sealed class ModelRequestCap
{
    /// <summary>Requests a phase needs besides its tool rounds: the round the cap stops, the answer without tools, and one repair round with its own answer.</summary>
    public const int AnswerRequests = 4;

    private readonly Lock _gate = new();
    private string _phase = "";

    /// <param name="maxToolRounds">The tool rounds of a phase (<c>Llm:MaxToolRounds</c>).</param>
    public ModelRequestCap(int maxToolRounds)
    {
        MaxToolRounds = Math.Max(1, maxToolRounds);
    }

    public int MaxToolRounds { get; }

    /// <summary>The most requests one phase may send.</summary>
    public int MaxRequestsPerPhase => MaxToolRounds + AnswerRequests;

    /// <summary>Requests sent in the current phase.</summary>
    public int PhaseRequests { get; private set; }

    /// <summary>Starts a new phase's count.</summary>
    public void BeginPhase(string phase)
    {
        lock (_gate)
        {
            _phase = phase;
            PhaseRequests = 0;
        }
    }

    /// <summary>Counts one request about to be sent; throws <see cref="ModelRequestLimitException"/> instead when the phase has none left.</summary>
    public void Admit()
    {
        lock (_gate)
        {
            if (PhaseRequests >= MaxRequestsPerPhase)
            {
                throw new ModelRequestLimitException(
                    $"The model asked for more than {MaxRequestsPerPhase} requests in phase '{_phase}' ({MaxToolRounds} tool rounds, Llm:MaxToolRounds, " +
                    $"plus {AnswerRequests} for its answer); nothing more was sent. A model that keeps calling tools that do not exist or with " +
                    "arguments that are not JSON ends here. Try a model that follows the tool list, or raise Llm:MaxToolRounds.");
            }

            PhaseRequests++;
        }
    }
}
