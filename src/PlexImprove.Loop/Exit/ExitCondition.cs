namespace PlexImprove.Loop.Exit;

/// <summary>Why a run ends; the names are what <c>loop_state.json</c> records in <c>exitCondition</c>.</summary>
public static class ExitCondition
{
    /// <summary>The targeted agents reached the target success rate.</summary>
    public const string Target = "target";

    /// <summary>Less than the plateau's points of improvement in consecutive iterations.</summary>
    public const string Plateau = "plateau";
    public const string MaxIterations = "max_iterations";

    /// <summary>Success significantly below the baseline.</summary>
    public const string Regression = "regression";

    /// <summary>A fresh diagnosis proposed nothing the run had not tried.</summary>
    public const string NothingLeft = "nothing_left";

    /// <summary>The run's time budget, or the brain's token or call budget, is spent.</summary>
    public const string Budget = "budget";

    /// <summary>The user stopped the run (Ctrl+C); it can be resumed.</summary>
    public const string UserStop = "user_stop";

    /// <summary>A dry run diagnosed and validated once; it never loops.</summary>
    public const string DryRun = "dry_run";
}
