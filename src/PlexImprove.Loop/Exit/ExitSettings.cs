namespace PlexImprove.Loop.Exit;

/// <summary>The exit conditions' thresholds (<c>Loop:*</c> settings), each with its documented default.</summary>
public sealed class ExitSettings
{
    /// <summary><c>Loop:TargetSuccessRate</c>: stop when the targeted agents succeed at least this often (0..1). Default 0.90.</summary>
    public double TargetSuccessRate { get; init; } = 0.90;

    /// <summary><c>Loop:PlateauPoints</c>: an iteration improving success by less than this many percentage points makes no progress. Default 5.</summary>
    public double PlateauPoints { get; init; } = 5;

    /// <summary><c>Loop:PlateauIterations</c>: consecutive iterations without progress that end the run. Default 2.</summary>
    public int PlateauIterations { get; init; } = 2;

    /// <summary><c>Loop:MaxIterations</c>. Default 10.</summary>
    public int MaxIterations { get; init; } = 10;

    /// <summary><c>Loop:RegressionPValue</c>: success below the baseline with a one-sided Fisher p below this is a regression. Default 0.05.</summary>
    public double RegressionPValue { get; init; } = 0.05;

    /// <summary><c>Loop:BudgetMinutes</c>: wall-clock budget of the whole run; 0 for none. Default 0.</summary>
    public double BudgetMinutes { get; init; }

    /// <summary>Throws when a value is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (TargetSuccessRate is <= 0 or > 1)
        {
            throw new Core.Errors.InvalidInputException($"Loop:TargetSuccessRate must be above 0 and at most 1 (got {TargetSuccessRate}).");
        }

        if (PlateauPoints < 0 || PlateauIterations < 1)
        {
            throw new Core.Errors.InvalidInputException("Loop:PlateauPoints must be 0 or more and Loop:PlateauIterations at least 1.");
        }

        if (MaxIterations < 1)
        {
            throw new Core.Errors.InvalidInputException($"Loop:MaxIterations (--max-iterations) must be at least 1 (got {MaxIterations}).");
        }

        if (RegressionPValue is <= 0 or >= 1 || BudgetMinutes < 0)
        {
            throw new Core.Errors.InvalidInputException("Loop:RegressionPValue must be between 0 and 1 and Loop:BudgetMinutes 0 or more.");
        }
    }
}
