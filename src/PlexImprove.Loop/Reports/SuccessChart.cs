using System.Globalization;
using System.Text;
using PlexImprove.Loop.Figures;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Reports;

/// <summary>Success per iteration (baseline first, then each iteration, then the final measurement), as SVG and as a terminal bar chart.</summary>
public static class SuccessChart
{
    public const string FileName = "success_per_iteration.svg";

    /// <summary>The bars: label and rate (0..1), in order.</summary>
    public static IReadOnlyList<(string Label, double? Rate)> Bars(LoopState state)
    {
        var bars = new List<(string, double?)> { ("baseline", state.Baseline?.Overall.Rate) };
        bars.AddRange(state.History.Select(h => ($"iteration {h.Iteration.ToString(CultureInfo.InvariantCulture)}", h.SuccessRate)));
        if (state.Final is { } final)
        {
            bars.Add(("final", final.Overall.Rate));
        }

        return bars;
    }

    public static string Svg(LoopState state, double target)
    {
        var bars = Bars(state);
        const int barWidth = 70, gap = 20, height = 220, top = 30, left = 50;
        int width = left + (bars.Count * (barWidth + gap)) + gap;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height + top + 50}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"  <title>Success per iteration</title>\n  <text x=\"{left}\" y=\"18\" font-size=\"14\">Success rate of the targeted agents (Phase 1 sessions)</text>\n");
        foreach (int pct in new[] { 0, 25, 50, 75, 100 })
        {
            double y = top + height - (height * pct / 100.0);
            sb.Append(CultureInfo.InvariantCulture, $"  <line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{width - gap}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/><text x=\"{left - 8}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{pct}%</text>\n");
        }

        double ty = top + height - (height * target);
        sb.Append(CultureInfo.InvariantCulture, $"  <line x1=\"{left}\" y1=\"{ty:0.#}\" x2=\"{width - gap}\" y2=\"{ty:0.#}\" stroke=\"#c00\" stroke-dasharray=\"4 3\"/><text x=\"{width - gap}\" y=\"{ty - 4:0.#}\" text-anchor=\"end\" fill=\"#c00\">target {target * 100:0.#}%</text>\n");
        for (int i = 0; i < bars.Count; i++)
        {
            var (label, rate) = bars[i];
            double x = left + gap + (i * (barWidth + gap));
            double h = height * (rate ?? 0);
            sb.Append(CultureInfo.InvariantCulture, $"  <rect x=\"{x:0.#}\" y=\"{top + height - h:0.#}\" width=\"{barWidth}\" height=\"{h:0.#}\" fill=\"{(label == "baseline" ? "#999" : "#3a7bd5")}\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"  <text x=\"{x + (barWidth / 2.0):0.#}\" y=\"{top + height - h - 4:0.#}\" text-anchor=\"middle\">{Percent(rate)}</text>\n");
            sb.Append(CultureInfo.InvariantCulture, $"  <text x=\"{x + (barWidth / 2.0):0.#}\" y=\"{top + height + 16}\" text-anchor=\"middle\">{label}</text>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>One line per bar, 40 characters for 100%.</summary>
    public static string Terminal(LoopState state)
    {
        var sb = new StringBuilder();
        var figures = SuccessFigures.Of(state);
        if (figures.Count == 0)
        {
            return "(nothing measured yet)\n";
        }

        int labelWidth = figures.Max(f => f.Label.Length);
        foreach (var figure in figures)
        {
            int n = (int)Math.Round((figure.Rate.Rate ?? 0) * 40);
            sb.Append(figure.Label.PadRight(labelWidth)).Append(" |").Append(new string('#', n)).Append(new string(' ', 40 - n)).Append("| ").Append(SuccessFigures.Format(figure.Rate)).Append('\n');
        }

        return sb.ToString();
    }

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a";
}
