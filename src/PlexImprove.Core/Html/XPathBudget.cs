namespace PlexImprove.Core.Html;

/// <summary>
/// The work one XPath evaluation may do, counted in navigator moves (every axis step is one), and the token that
/// stops it. XPath 1.0 evaluation cannot be interrupted otherwise: <c>count(//*[count(//*)])</c> is quadratic in the
/// page and would hold a core long after its caller left.
/// </summary>
public sealed class XPathBudget
{
    /// <summary>Moves one evaluation may make by default: far beyond any agent's selector on a real page (a million-node walk takes a fraction of a second).</summary>
    public const long DefaultMaxMoves = 5_000_000;

    private readonly CancellationToken _cancellationToken;
    private long _moves;

    /// <param name="maxMoves">The most navigator moves allowed.</param>
    /// <param name="cancellationToken">Stops the evaluation at its next move.</param>
    public XPathBudget(long maxMoves = DefaultMaxMoves, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMoves, 1);
        MaxMoves = maxMoves;
        _cancellationToken = cancellationToken;
    }

    public long MaxMoves { get; }

    /// <summary>Moves made so far.</summary>
    public long Moves => _moves;

    /// <summary>Counts one move; throws when the budget is spent or the caller cancelled.</summary>
    internal void Spend()
    {
        _moves++;
        if (_moves > MaxMoves)
        {
            throw new XPathBudgetExceededException(MaxMoves);
        }

        if ((_moves & 0x3FF) == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
