using PlexImprove.Loop.Exit;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Tests.Exit;

/// <summary>Each exit condition on a fixture history (success counts per iteration, baseline 20/100).</summary>
public sealed class ExitPolicyTests
{
    private static readonly AgentRate Baseline = AgentRate.Of(20, 100, 0);

    [Fact]
    public void Evaluate_SuccessAtTheTarget_EndsWithTarget()
    {
        var verdict = CreateSut().Evaluate(Baseline, History(60, 91), TimeSpan.Zero);

        Assert.Equal(ExitCondition.Target, verdict?.Condition);
        Assert.Contains("91/100", verdict!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TwoIterationsUnderFivePoints_EndsWithPlateau()
    {
        var verdict = CreateSut().Evaluate(Baseline, History(50, 53, 56), TimeSpan.Zero);

        Assert.Equal(ExitCondition.Plateau, verdict?.Condition);
    }

    [Fact]
    public void Evaluate_OneIterationUnderFivePointsAfterProgress_GoesOn()
    {
        Assert.Null(CreateSut().Evaluate(Baseline, History(50, 53), TimeSpan.Zero));
    }

    [Fact]
    public void Evaluate_SuccessSignificantlyBelowTheBaseline_EndsWithRegression()
    {
        var verdict = CreateSut().Evaluate(AgentRate.Of(60, 100, 0), History(20), TimeSpan.Zero);

        Assert.Equal(ExitCondition.Regression, verdict?.Condition);
        Assert.Contains("Fisher", verdict!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SlightlyBelowTheBaseline_IsNoRegression()
    {
        Assert.Null(CreateSut().Evaluate(AgentRate.Of(60, 100, 0), History(57), TimeSpan.Zero));
    }

    [Fact]
    public void Evaluate_DiagnosisWithNothingNew_EndsWithNothingLeft()
    {
        var history = new List<IterationRecord> { Record(1, 40, newProposals: 0) };

        Assert.Equal(ExitCondition.NothingLeft, CreateSut().Evaluate(Baseline, history, TimeSpan.Zero)?.Condition);
    }

    [Fact]
    public void Evaluate_TheLastAllowedIteration_EndsWithMaxIterations()
    {
        var verdict = CreateSut(new ExitSettings { MaxIterations = 3 }).Evaluate(Baseline, History(40, 60, 80), TimeSpan.Zero);

        Assert.Equal(ExitCondition.MaxIterations, verdict?.Condition);
    }

    [Fact]
    public void Evaluate_TimeBudgetSpent_EndsWithBudget()
    {
        var verdict = CreateSut(new ExitSettings { BudgetMinutes = 30 }).Evaluate(Baseline, History(40), TimeSpan.FromMinutes(31));

        Assert.Equal(ExitCondition.Budget, verdict?.Condition);
    }

    [Fact]
    public void Evaluate_TargetAndMaxIterationsTogether_ReportsTheTarget()
    {
        var verdict = CreateSut(new ExitSettings { MaxIterations = 2 }).Evaluate(Baseline, History(40, 95), TimeSpan.Zero);

        Assert.Equal(ExitCondition.Target, verdict?.Condition);
    }

    [Fact]
    public void Constructor_TargetAboveOne_IsRefusedNamingTheSetting()
    {
        var error = Assert.Throws<Core.Errors.InvalidInputException>(() => CreateSut(new ExitSettings { TargetSuccessRate = 1.5 }));

        Assert.Contains("Loop:TargetSuccessRate", error.Message, StringComparison.Ordinal);
    }

    private static ExitPolicy CreateSut(ExitSettings? settings = null) => new(settings ?? new ExitSettings());

    private static List<IterationRecord> History(params int[] succeededOf100) =>
        [.. succeededOf100.Select((s, i) => Record(i + 1, s))];

    private static IterationRecord Record(int iteration, int succeeded, int newProposals = 1) => new()
    {
        Iteration = iteration,
        Succeeded = succeeded,
        Started = 100,
        SuccessRate = succeeded / 100.0,
        Proposed = newProposals,
        NewProposals = newProposals,
    };
}
