using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.SemanticKernel;
using PlexImprove.Core.Digest;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Agent.Tools;

/// <summary>Phase 1 as tools: the aggregation, its signatures and sessions, and raw log lines (confined to the logs folder).</summary>
internal sealed class LogTools
{
    private readonly ToolRuntime _runtime;

    public LogTools(ToolRuntime runtime) => _runtime = runtime;

    [KernelFunction(ToolNames.AggregateLogs)]
    [Description("Aggregates the Plex plugin logs into metrics: per agent the searches and updates started, succeeded, failed and unfinished, success rates with a 95% interval, HTTP errors, exceptions and the top error signatures. Returns the Markdown digest, or the full metrics JSON when asked.")]
    public Task<string> AggregateLogsAsync(
        [Description("Only these agents: identifiers or their last part (AEBN for com.plexapp.agents.AEBN), comma-separated. Empty: every agent.")] string? agents = null,
        [Description("Only records at or after this local time, as logged: YYYY-MM-DD HH:MM:SS. Empty: from the start.")] string? since = null,
        [Description("Only records before this local time, as logged: YYYY-MM-DD HH:MM:SS. Empty: to the end.")] string? until = null,
        [Description("Return the metrics document as JSON instead of the Markdown digest.")] bool json = false,
        CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            var metrics = _runtime.Aggregate(agents, since, until, sessions: false, cancellationToken).Metrics;
            return json ? MetricsJson.Serialize(metrics) : DigestWriter.Write(metrics, Math.Min(DigestWriter.DefaultBudgetBytes, _runtime.Limits.MaxChars));
        }, cancellationToken);

    [KernelFunction(ToolNames.ListSignatures)]
    [Description("Lists the distinct error signatures found in the plugin logs, most frequent first: id, kind (http, timeout, no-results, match, parse, exception, model, load, other), count, agents, first and last time seen, the normalised text and one raw example.")]
    public Task<string> ListSignaturesAsync(
        [Description("Only signatures of these agents (identifier or last part), comma-separated. Empty: every agent.")] string? agents = null,
        [Description("Only this kind: http, timeout, no-results, match, parse, exception, model, load or other. Empty: every kind.")] string? kind = null,
        [Description("At most this many signatures (default 20).")] int max = 20,
        CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            var signatures = _runtime.Aggregate(agents, null, null, sessions: false, cancellationToken).Metrics.Signatures
                .Where(s => string.IsNullOrWhiteSpace(kind) || string.Equals(s.Kind, kind.Trim(), StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(s => s.Count)
                .ToList();
            var shown = signatures.Take(Clamp(max, _runtime.Limits.MaxItems)).Select(s => new
            {
                s.Id,
                s.Kind,
                s.Count,
                s.Agents,
                FirstSeen = s.FirstSeen.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                LastSeen = s.LastSeen.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                s.Text,
                Example = Shorten(_runtime.Environment.Redactor.Redact(s.Example), 400),
            }).ToList();
            return ToolOutput.Json(new { Total = signatures.Count, Shown = shown.Count, Signatures = shown });
        }, cancellationToken);

    [KernelFunction(ToolNames.GetAgentSessions)]
    [Description("Lists one agent's searches and updates as reconstructed from its log, newest first: kind, thread, start and end time, outcome (succeeded, failed, crashed, unfinished), the Plex item (ratingKey), the exception type and the signature ids logged during the session.")]
    public Task<string> GetAgentSessionsAsync(
        [Description("The agent: identifier or its last part (AEBN for com.plexapp.agents.AEBN).")] string agent,
        [Description("Only sessions with this outcome: succeeded, failed, crashed or unfinished. Empty: all.")] string? outcome = null,
        [Description("Only search or update sessions. Empty: both.")] string? kind = null,
        [Description("Only sessions during which this signature id was logged.")] string? signatureId = null,
        [Description("At most this many sessions (default 20).")] int max = 20,
        CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            if (string.IsNullOrWhiteSpace(agent))
            {
                throw new InvalidInputException("Name the agent (for example AEBN or com.plexapp.agents.AEBN).");
            }

            SessionOutcome? wantedOutcome = ParseEnum<SessionOutcome>(outcome, "outcome", "succeeded, failed, crashed or unfinished");
            SessionKind? wantedKind = ParseEnum<SessionKind>(kind, "kind", "search or update");
            var sessions = _runtime.Aggregate(agent, null, null, sessions: true, cancellationToken).Sessions
                .Where(s => wantedOutcome is null || s.Outcome == wantedOutcome)
                .Where(s => wantedKind is null || s.Kind == wantedKind)
                .Where(s => string.IsNullOrWhiteSpace(signatureId) || s.SignatureIds.Contains(signatureId.Trim(), StringComparer.Ordinal))
                .OrderByDescending(s => s.Started)
                .ToList();
            var shown = sessions.Take(Clamp(max, _runtime.Limits.MaxItems)).Select(s => new
            {
                s.Agent,
                Kind = s.Kind.ToString().ToLowerInvariant(),
                s.ThreadId,
                Started = s.Started.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                Ended = s.Ended?.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                Outcome = s.Outcome.ToString().ToLowerInvariant(),
                s.RatingKey,
                s.ExceptionType,
                s.SignatureIds,
            }).ToList();
            return ToolOutput.Json(new { Total = sessions.Count, Shown = shown.Count, Sessions = shown });
        }, cancellationToken);

    [KernelFunction(ToolNames.ReadLogExcerpt)]
    [Description("Reads raw lines of one plugin log file (inside the logs folder only), with line numbers: a range of lines, or the lines containing a text.")]
    public Task<string> ReadLogExcerptAsync(
        [Description("The log file name inside the logs folder, for example com.plexapp.agents.AEBN.log or com.plexapp.agents.AEBN.log.1.")] string file,
        [Description("First line to show, 1-based (default 1). With 'contains', the line the search starts at.")] int startLine = 1,
        [Description("How many lines to show (default 100, at most 400).")] int lineCount = 100,
        [Description("Show only lines containing this text (case-insensitive), for example a ratingKey, a thread id or an error message.")] string? contains = null,
        CancellationToken cancellationToken = default) =>
        ToolOutput.Run(_runtime.Environment, () =>
        {
            var path = ResolveLog(file);
            var first = Math.Max(1, startLine);
            var wanted = Clamp(lineCount, _runtime.Limits.MaxLines);
            var text = new StringBuilder();
            var number = 0;
            var shown = 0;
            var more = false;
            using (var reader = new StreamReader(path, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: false))
            {
                while (reader.ReadLine() is { } raw)
                {
                    // Masked before the filter and the cut: 'contains' cannot probe a secret, a cut cannot show part of one.
                    var line = _runtime.Environment.Redactor.Redact(raw);
                    cancellationToken.ThrowIfCancellationRequested();
                    number++;
                    if (number < first || (contains is { Length: > 0 } && !line.Contains(contains, StringComparison.OrdinalIgnoreCase)))
                    {
                        continue;
                    }

                    if (shown == wanted)
                    {
                        more = true;
                        break;
                    }

                    text.Append(number.ToString(CultureInfo.InvariantCulture)).Append(": ").AppendLine(Shorten(line, 2000));
                    shown++;
                }
            }

            var header = string.Create(CultureInfo.InvariantCulture, $"{_runtime.Logs.Relative(path)}: {shown} line(s) from line {first}") +
                         (contains is { Length: > 0 } ? $" containing '{contains}'" : "") + (more ? " (more follow: raise startLine to read on)" : "") + "\n";
            return shown == 0 ? header + "(no lines)" : header + text;
        }, cancellationToken);

    private string ResolveLog(string file)
    {
        var path = _runtime.Logs.Resolve(file).FullPath;
        if (File.Exists(path))
        {
            return path;
        }

        var known = Directory.Exists(_runtime.Logs.FullPath)
            ? new DirectoryInfo(_runtime.Logs.FullPath).EnumerateFiles().Select(f => f.Name).Where(n => PluginLogFolder.TryParseName(n, out _, out _)).Order(StringComparer.Ordinal).Take(30).ToList()
            : [];
        throw new InvalidInputException($"'{file}' does not exist in the logs folder '{_runtime.Logs.FullPath}'. Log files there: {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
    }

    internal static int Clamp(int requested, int cap) => Math.Clamp(requested <= 0 ? cap : requested, 1, cap);

    internal static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 3), "...");

    private static T? ParseEnum<T>(string? text, string name, string allowed)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _)
            ? parsed
            : throw new InvalidInputException($"'{text}' is not a valid {name}: use {allowed}.");
    }
}
