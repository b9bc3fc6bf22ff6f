using System.Globalization;
using System.Text;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Signatures;

namespace PlexImprove.Core.Digest;

/// <summary>
/// Writes the Markdown digest the diagnostic prompt reads (<c>aggregate --out</c>,
/// <c>iteration_N/aggregated_logs.md</c>). It never exceeds <see cref="DefaultBudgetBytes"/>: every
/// signature of kind exception, load, http, timeout or model is listed; the rest follow by count until
/// the budget is spent, and the digest says how many were left out.
/// </summary>
public static class DigestWriter
{
    public const int DefaultBudgetBytes = 24 * 1024;

    private const int MaxExampleChars = 240;
    private const int MaxAgentRows = 60;
    private const int TopSignaturesPerAgent = 3;

    private static readonly HashSet<string> AlwaysListedKinds = new(StringComparer.Ordinal) { "exception", "load", "http", "timeout", "model" };

    public static string Write(MetricsDocument metrics, int budgetBytes = DefaultBudgetBytes)
    {
        var header = Header(metrics);
        var agents = AgentTable(metrics);
        var noise = $"\nNoise: {metrics.Totals.Noise} record(s) of Plex start-up resource-hash errors, counted in nothing but levels.\n";

        var mandatory = metrics.Signatures.Where(s => AlwaysListedKinds.Contains(s.Kind)).ToList();
        var optional = metrics.Signatures.Where(s => !AlwaysListedKinds.Contains(s.Kind)).ToList();

        // Mandatory signatures get full entries while they fit, one-line entries otherwise.
        int fixedBytes = Bytes(header) + Bytes(agents) + Bytes(noise) + 400;
        int remaining = budgetBytes - fixedBytes;
        var body = new StringBuilder();
        body.Append("\n## Signatures (by count)\n\n");
        if (metrics.Signatures.Count == 0)
        {
            body.Append("No failure events in the window.\n");
        }

        bool compact = mandatory.Sum(s => Bytes(Entry(s, compact: false))) > remaining;
        int listedMandatory = AppendWhileFits(body, mandatory, compact, ref remaining);
        int listedOptional = AppendWhileFits(body, optional, compact: false, ref remaining);
        int leftOut = (mandatory.Count - listedMandatory) + (optional.Count - listedOptional);
        if (leftOut > 0)
        {
            long events = mandatory.Skip(listedMandatory).Concat(optional.Skip(listedOptional)).Sum(s => s.Count);
            body.Append(CultureInfo.InvariantCulture, $"\n{leftOut} more signature(s) ({events} event(s)) left out to keep this digest under {budgetBytes / 1024} KB; the metrics document lists them all.\n");
        }

        return header + agents + body + noise;
    }

    private static int AppendWhileFits(StringBuilder body, List<SignatureSummary> signatures, bool compact, ref int remaining)
    {
        int listed = 0;
        foreach (var signature in signatures)
        {
            var entry = Entry(signature, compact);
            int size = Bytes(entry);
            if (size > remaining)
            {
                break;
            }

            body.Append(entry);
            remaining -= size;
            listed++;
        }

        return listed;
    }

    private static string Header(MetricsDocument metrics)
    {
        var w = metrics.Window;
        var s = new StringBuilder();
        s.Append("# Plugin log digest\n\n");
        s.Append(CultureInfo.InvariantCulture, $"- Window: {Time(w.Since) ?? "start of logs"} → {Time(w.Until) ?? "end of logs"}; records seen {Time(w.FirstRecord) ?? "none"} → {Time(w.LastRecord) ?? "none"}\n");
        foreach (var (agent, own) in w.Agents ?? new Dictionary<string, AgentWindow>())
        {
            string left = own.Excluded.Count == 0 ? "" : ", leaving out " + string.Join(", ", own.Excluded.Select(x => $"{Time(x.From)} → {Time(x.Until)}")) + " (a change that was rolled back ran then)";
            s.Append(CultureInfo.InvariantCulture, $"- {agent}: its own window, {Time(own.Since) ?? "start of logs"} → {Time(w.Until) ?? "end of logs"}{left}, the lines that reflect its current code\n");
        }

        long bytes = metrics.Files.Sum(f => f.Bytes);
        s.Append(CultureInfo.InvariantCulture, $"- Files: {metrics.Files.Count} from {metrics.Agents.Count} agent(s), {bytes / 1048576.0:0.0} MiB, {metrics.Files.Sum(f => f.Records)} records, {metrics.Files.Sum(f => f.UnparsedLines)} unparsed line(s)\n");
        var t = metrics.Totals;
        s.Append(CultureInfo.InvariantCulture, $"- Overall: {t.Started} sessions started, {t.Succeeded} succeeded, success rate {Rate(t)}\n");
        foreach (var note in metrics.Notes)
        {
            s.Append(CultureInfo.InvariantCulture, $"- Note: {note}\n");
        }

        return s.ToString();
    }

    private static string AgentTable(MetricsDocument metrics)
    {
        var s = new StringBuilder();
        s.Append("\n## Agents\n\n");
        s.Append("| agent | started | succeeded | failed | unfinished | success rate (95% CI) | top signatures |\n");
        s.Append("|---|---:|---:|---:|---:|---|---|\n");
        var topByAgent = metrics.Signatures
            .SelectMany(sig => sig.Agents.Select(agent => (agent, sig)))
            .GroupBy(x => x.agent, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Take(TopSignaturesPerAgent).Select(x => $"`{x.sig.Id}`")), StringComparer.Ordinal);
        var rows = metrics.Agents.OrderBy(a => a.Value.SuccessRate ?? 2).ThenBy(a => a.Key, StringComparer.Ordinal).ToList();
        foreach (var (agent, c) in rows.Take(MaxAgentRows))
        {
            s.Append(CultureInfo.InvariantCulture,
                $"| {agent} | {c.Started} | {c.Succeeded} | {c.SearchesFailed + c.UpdatesFailed} | {c.SearchesUnfinished + c.UpdatesUnfinished} | {Rate(c)} | {topByAgent.GetValueOrDefault(agent, "")} |\n");
        }

        if (rows.Count > MaxAgentRows)
        {
            s.Append(CultureInfo.InvariantCulture, $"\n{rows.Count - MaxAgentRows} more agent(s) not shown (highest success rates).\n");
        }

        return s.ToString();
    }

    private static string Entry(SignatureSummary s, bool compact)
    {
        var agents = s.Agents.Count <= 4 ? string.Join(", ", s.Agents) : $"{string.Join(", ", s.Agents.Take(3))} and {s.Agents.Count - 3} more";
        if (compact)
        {
            return string.Create(CultureInfo.InvariantCulture, $"- `{s.Id}` {s.Kind} ×{s.Count}: {Clip(s.Text, 160)}\n");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"### `{s.Id}` · {s.Kind} · ×{s.Count}\n- Template: `{Clip(s.Text, 300)}`\n- Agents: {agents}; first {Time(s.FirstSeen)}, last {Time(s.LastSeen)}\n- Example: `{Clip(s.Example, MaxExampleChars)}`\n\n");
    }

    private static string Rate(Counts c) =>
        c.SuccessRate is { } rate && c.SuccessRateCi95 is [var lo, var hi]
            ? string.Create(CultureInfo.InvariantCulture, $"{rate * 100:0.0}% ({lo * 100:0.0}–{hi * 100:0.0}%)")
            : "n/a (nothing started)";

    private static string? Time(DateTime? t) => t?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Clip(string text, int max)
    {
        var oneLine = text.Replace('\n', ' ').Replace('\r', ' ').Replace('`', '\'');
        return oneLine.Length <= max ? oneLine : oneLine[..max] + "…";
    }

    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);
}
