using System.Globalization;
using PlexImprove.Core.Statistics;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Exit;

/// <summary>
/// Decides after each iteration whether the run ends, from the baseline and the iteration history alone (pure, so
/// every condition is tested on fixture histories). Checked in order: target, regression, nothing left to try,
/// plateau, budget, max iterations.
/// </summary>
public sealed class ExitPolicy
{
    private readonly ExitSettings _settings;

    public ExitPolicy(ExitSettings settings)
    {
        settings.Validate();
        _settings = settings;
    }

    /// <param name="baseline">Success of the targeted agents before any fix.</param>
    /// <param name="history">Finished iterations, oldest first (the last one just ended).</param>
    /// <param name="elapsed">Wall time the run has used so far.</param>
    /// <returns>The condition that ends the run, or null to go on.</returns>
    public ExitVerdict? Evaluate(AgentRate baseline, IReadOnlyList<IterationRecord> history, TimeSpan elapsed)
    {
        if (history.Count == 0)
        {
            return null;
        }

        var last = history[^1];
        if (last.SuccessRate is { } rate && rate >= _settings.TargetSuccessRate)
        {
            return new(ExitCondition.Target, $"Success {Describe(last.Succeeded, last.Started)} reached the target of {Percent(_settings.TargetSuccessRate)}.");
        }

        if (last.SuccessRate is { } now && baseline.Rate is { } before && now < before)
        {
            // One-sided: the baseline (second row) succeeded more often than now (first row).
            double p = FisherExactTest.Greater(last.Succeeded, last.Started - last.Succeeded, baseline.Succeeded, baseline.Started - baseline.Succeeded);
            if (p < _settings.RegressionPValue)
            {
                return new(ExitCondition.Regression,
                    $"Success fell to {Describe(last.Succeeded, last.Started)} from the baseline's {Describe(baseline.Succeeded, baseline.Started)} (one-sided Fisher p = {p.ToString("0.####", CultureInfo.InvariantCulture)}).");
            }
        }

        if (last.NewProposals == 0)
        {
            return new(ExitCondition.NothingLeft, $"Iteration {last.Iteration}'s diagnosis proposed nothing that had not been tried already.");
        }

        if (history.Count >= _settings.PlateauIterations)
        {
            var gains = new List<double>();
            for (int i = history.Count - _settings.PlateauIterations; i < history.Count; i++)
            {
                double? previous = i == 0 ? baseline.Rate : history[i - 1].SuccessRate;
                gains.Add(history[i].SuccessRate is { } r && previous is { } p ? (r - p) * 100 : 0);
            }

            if (gains.All(g => g < _settings.PlateauPoints))
            {
                return new(ExitCondition.Plateau,
                    $"The last {_settings.PlateauIterations} iterations improved success by {string.Join(" and ", gains.Select(g => g.ToString("0.#", CultureInfo.InvariantCulture)))} points, less than {_settings.PlateauPoints.ToString(CultureInfo.InvariantCulture)} each.");
            }
        }

        if (_settings.BudgetMinutes > 0 && elapsed.TotalMinutes >= _settings.BudgetMinutes)
        {
            return new(ExitCondition.Budget, $"The run used {elapsed.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minutes of its {_settings.BudgetMinutes.ToString(CultureInfo.InvariantCulture)}-minute budget (Loop:BudgetMinutes).");
        }

        if (last.Iteration >= _settings.MaxIterations)
        {
            return new(ExitCondition.MaxIterations, $"Iteration {last.Iteration} was the last allowed (Loop:MaxIterations / --max-iterations {_settings.MaxIterations}).");
        }

        return null;
    }

    private static string Describe(long succeeded, long started) =>
        string.Create(CultureInfo.InvariantCulture, $"{succeeded}/{started} = {Percent(started == 0 ? 0 : (double)succeeded / started)}");

    private static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
