using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// Counts the tokens of every model request (input + output, from the usage each response reports) against a
/// per-phase and a per-run limit. Warns once per limit at 80%; once a limit is reached, <see cref="Exhausted"/>
/// is set so no further request leaves (<see cref="ModelRequestMeter"/> refuses it), and <see cref="ThrowIfExhausted"/>
/// ends the phase cleanly. Every response is counted where it arrives, once, whatever it asked for; a response
/// without usage is estimated from its length and the estimate is said.
/// </summary>
public sealed class TokenBudget
{
    public const double WarningShare = 0.8;

    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private bool _phaseWarned;
    private bool _runWarned;
    private bool _estimateWarned;

    /// <param name="maxTokensPerPhase">Limit of one phase (<c>Llm:MaxTokensPerPhase</c>); 0 means none.</param>
    /// <param name="maxTokensPerRun">Limit of the whole run (<c>Llm:MaxTokensPerRun</c>); 0 means none.</param>
    /// <param name="logger">Receives the 80% warnings and the stop.</param>
    public TokenBudget(long maxTokensPerPhase, long maxTokensPerRun, ILogger? logger = null)
    {
        MaxTokensPerPhase = Math.Max(0, maxTokensPerPhase);
        MaxTokensPerRun = Math.Max(0, maxTokensPerRun);
        _logger = logger ?? NullLogger.Instance;
    }

    public long MaxTokensPerPhase { get; }
    public long MaxTokensPerRun { get; }
    public string Phase { get; private set; } = "";
    public long PhaseTokens { get; private set; }
    public long RunTokens { get; private set; }
    public long InputTokens { get; private set; }
    public long OutputTokens { get; private set; }
    public int Requests { get; private set; }

    /// <summary>Requests whose usage the endpoint did not report, so their tokens are estimated from the text length.</summary>
    public int EstimatedRequests { get; private set; }

    /// <summary>Set once a limit is reached: which limit, and how to raise it.</summary>
    public string? Exhausted { get; private set; }

    /// <summary>Starts counting a new phase (the run total goes on).</summary>
    public void BeginPhase(string phase)
    {
        lock (_gate)
        {
            Phase = phase;
            PhaseTokens = 0;
            _phaseWarned = false;
            if (Exhausted is not null && !RunLimitReached())
            {
                Exhausted = null;
            }
        }
    }

    /// <summary>Adds one request's usage and checks the limits.</summary>
    /// <param name="inputTokens">Tokens of the request.</param>
    /// <param name="outputTokens">Tokens of the answer.</param>
    /// <param name="estimated">The endpoint reported no usage; the figures are an estimate from the text length.</param>
    public long Add(long inputTokens, long outputTokens, bool estimated = false)
    {
        long total = Math.Max(0, inputTokens) + Math.Max(0, outputTokens);
        lock (_gate)
        {
            Requests++;
            if (estimated)
            {
                EstimatedRequests++;
                if (!_estimateWarned)
                {
                    _estimateWarned = true;
                    _logger.LogWarning("Token budget: the LLM endpoint reported no token usage; tokens are estimated from the text length (about 4 characters a token) and counted against the budget.");
                }
            }

            InputTokens += Math.Max(0, inputTokens);
            OutputTokens += Math.Max(0, outputTokens);
            PhaseTokens += total;
            RunTokens += total;
            if (!_phaseWarned && MaxTokensPerPhase > 0 && PhaseTokens >= WarningShare * MaxTokensPerPhase && PhaseTokens < MaxTokensPerPhase)
            {
                _phaseWarned = true;
                _logger.LogWarning("Token budget: phase {Phase} has used {Used} of {Limit} tokens (Llm:MaxTokensPerPhase).", Phase, PhaseTokens, MaxTokensPerPhase);
            }

            if (!_runWarned && MaxTokensPerRun > 0 && RunTokens >= WarningShare * MaxTokensPerRun && RunTokens < MaxTokensPerRun)
            {
                _runWarned = true;
                _logger.LogWarning("Token budget: the run has used {Used} of {Limit} tokens (Llm:MaxTokensPerRun).", RunTokens, MaxTokensPerRun);
            }

            if (Exhausted is null && MaxTokensPerPhase > 0 && PhaseTokens >= MaxTokensPerPhase)
            {
                Exhausted = $"The token budget of phase '{Phase}' is spent: {PhaseTokens} of {MaxTokensPerPhase} tokens (Llm:MaxTokensPerPhase). " +
                    "The phase stopped before its next request; raise Llm:MaxTokensPerPhase (or PLEXIMPROVE__Llm__MaxTokensPerPhase) to go further.";
            }
            else if (Exhausted is null && RunLimitReached())
            {
                Exhausted = $"The token budget of the run is spent: {RunTokens} of {MaxTokensPerRun} tokens (Llm:MaxTokensPerRun). " +
                    "The run stopped before its next request; raise Llm:MaxTokensPerRun (or PLEXIMPROVE__Llm__MaxTokensPerRun) to go further.";
            }

            if (Exhausted is not null)
            {
                _logger.LogWarning("{Reason}", Exhausted);
            }
        }

        return total;
    }

    /// <summary>Ends the phase with <see cref="TokenBudgetExceededException"/> when a limit is reached.</summary>
    public void ThrowIfExhausted()
    {
        if (Exhausted is { } reason)
        {
            throw new TokenBudgetExceededException(reason);
        }
    }

    /// <summary>One line for <c>/budget</c> and the logs.</summary>
    public string Describe() =>
        $"{RunTokens} tokens in {Requests} requests (input {InputTokens}, output {OutputTokens}); phase '{Phase}': {PhaseTokens}" +
        (MaxTokensPerPhase > 0 ? $" of {MaxTokensPerPhase}" : "") + (MaxTokensPerRun > 0 ? $"; run limit {MaxTokensPerRun}" : "; no run limit") +
        (EstimatedRequests > 0 ? $"; {EstimatedRequests} request(s) estimated (the endpoint reported no usage)" : "");

    private bool RunLimitReached() => MaxTokensPerRun > 0 && RunTokens >= MaxTokensPerRun;
}
