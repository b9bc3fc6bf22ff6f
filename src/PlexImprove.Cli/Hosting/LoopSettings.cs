using PlexImprove.Loop.Exit;

namespace PlexImprove.Cli.Hosting;

/// <summary>The loop's exit conditions and lessons file (<c>Loop:*</c>); defaults are those of <see cref="ExitSettings"/>.</summary>
public sealed class LoopSettings
{
    public double TargetSuccessRate { get; set; } = 0.90;
    public double PlateauPoints { get; set; } = 5;
    public int PlateauIterations { get; set; } = 2;
    public int MaxIterations { get; set; } = 10;
    public double RegressionPValue { get; set; } = 0.05;

    /// <summary>Wall-clock budget of a run in minutes; 0 for none.</summary>
    public double BudgetMinutes { get; set; }

    /// <summary>The shared lessons file a run's copy is seeded from (relative to the project folder).</summary>
    public string LessonsFile { get; set; } = "lessons/lessons_learned.md";

    /// <summary>Cap of a run's plug-in log archive in MiB (default 512); past it the run pauses with its state saved.</summary>
    public int LogArchiveMaxMiB { get; set; } = 512;

    /// <summary>The archive cap in bytes; a cap below 1 MiB is bad configuration.</summary>
    public long LogArchiveMaxBytes() => LogArchiveMaxMiB >= 1
        ? LogArchiveMaxMiB * 1024L * 1024
        : throw new PlexImprove.Core.Errors.InvalidInputException($"Loop:LogArchiveMaxMiB must be 1 or more (it is {LogArchiveMaxMiB}).");

    public ExitSettings ToExitSettings(int? maxIterations = null) => new()
    {
        TargetSuccessRate = TargetSuccessRate,
        PlateauPoints = PlateauPoints,
        PlateauIterations = PlateauIterations,
        MaxIterations = maxIterations ?? MaxIterations,
        RegressionPValue = RegressionPValue,
        BudgetMinutes = BudgetMinutes,
    };
}
