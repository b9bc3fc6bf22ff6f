using PlexImprove.Core.Errors;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Signatures;

namespace PlexImprove.Core.Metrics;

/// <summary>
/// Phase 1: turns a plugin logs folder into the metrics document. Streams every file (memory does not
/// grow with input size) and analyses agents in parallel, since sessions never cross agents.
/// </summary>
public sealed class LogAggregator
{
    private const long ProgressStepBytes = 4 * 1024 * 1024;

    /// <summary>Aggregates the logs the request selects.</summary>
    /// <param name="request">Folder, window and agent filter.</param>
    /// <param name="progress">Receives the total bytes read so far, about every 4 MB.</param>
    /// <param name="cancellationToken">Stops the work between buffers.</param>
    /// <exception cref="InvalidInputException">The folder is missing or unreadable, or an agent filter matches nothing.</exception>
    public AggregationResult Aggregate(AggregationRequest request, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Since is { } since && request.Until is { } until && since >= until)
        {
            throw new InvalidInputException($"The window is empty: --since {since:yyyy-MM-dd HH:mm:ss} is not before --until {until:yyyy-MM-dd HH:mm:ss}.");
        }

        var folder = PluginLogFolder.Open(request.LogsDir);
        var agents = SelectAgents(folder, request.Agents);
        var byAgent = folder.Files.Where(f => agents.Contains(f.Agent)).GroupBy(f => f.Agent, StringComparer.Ordinal).ToList();
        EnsureWithinBounds(request, byAgent.SelectMany(g => g).ToList());

        var reporter = new ProgressReporter(progress);
        var analyses = new AgentAnalysis[byAgent.Count];
        AgentWorkers.Run(
            byAgent.Select(g => g.Sum(f => f.Bytes)).ToList(),
            i => analyses[i] = Analyse(byAgent[i].Key, [.. byAgent[i]], request, reporter, cancellationToken),
            Environment.ProcessorCount,
            cancellationToken);
        reporter.Flush();

        return Merge(folder, request, analyses);
    }

    /// <summary>Refuses, before reading a byte, a selection past the request's bounds on files and bytes.</summary>
    private static void EnsureWithinBounds(AggregationRequest request, IReadOnlyList<PluginLogFile> files)
    {
        long bytes = files.Sum(f => f.Bytes);
        if ((request.MaxFiles is { } maxFiles && files.Count > maxFiles) || (request.MaxBytes is { } maxBytes && bytes > maxBytes))
        {
            string filesBound = request.MaxFiles is { } f ? FormattableString.Invariant($"{f} files") : "any number of files";
            string bytesBound = request.MaxBytes is { } b ? FormattableString.Invariant($"{b / (1024.0 * 1024):0.#} MiB") : "any size";
            throw new InvalidInputException(FormattableString.Invariant(
                $"The selected logs are {files.Count} file(s), {bytes / (1024.0 * 1024):0.#} MiB, more than this call may read ({filesBound}, {bytesBound}); ") +
                "nothing was read. Name fewer agents, or aggregate with the 'aggregate' command, which has no such bound.");
        }
    }

    private static HashSet<string> SelectAgents(PluginLogFolder folder, IReadOnlyCollection<string> filter)
    {
        var available = folder.Agents;
        if (filter.Count == 0)
        {
            return new HashSet<string>(available, StringComparer.Ordinal);
        }

        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var wanted in filter)
        {
            var matches = AgentNames.Matching(wanted, available);
            if (matches.Count == 0)
            {
                var known = available.Count == 0 ? "none" : string.Join(", ", available);
                throw new InvalidInputException($"No plugin logs for agent '{wanted}' in '{folder.Path}'. Agents with logs there: {known}.");
            }

            selected.UnionWith(matches);
        }

        return selected;
    }

    private static AgentAnalysis Analyse(string agent, PluginLogFile[] files, AggregationRequest request, ProgressReporter reporter, CancellationToken cancellationToken)
    {
        var own = request.AgentWindows.GetValueOrDefault(agent);
        var analyzer = new AgentLogAnalyzer(agent, own is null ? request.Since : own.Since, request.Until, own, request.CollectSessions);
        var summaries = new List<FileSummary>(files.Length);
        foreach (var file in files)
        {
            var stats = ReadFile(file, analyzer, reporter, cancellationToken);
            summaries.Add(new FileSummary { Name = file.Name, Agent = agent, Bytes = stats.Bytes, Records = stats.Records, UnparsedLines = stats.UnparsedLines });
        }

        analyzer.Finish();
        return new AgentAnalysis(agent, analyzer, summaries);
    }

    private static FileReadStats ReadFile(PluginLogFile file, AgentLogAnalyzer analyzer, ProgressReporter reporter, CancellationToken cancellationToken)
    {
        try
        {
            // FileShare.ReadWrite|Delete: Plex keeps writing and rotating while we read.
            using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            return new PluginLogStreamReader(analyzer, reporter.Add).Read(stream, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            // Rotated away between listing and opening: nothing left to count in it.
            return new FileReadStats(0, 0, 0);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InvalidInputException($"The plugin log '{file.Path}' cannot be read: {e.Message}", e);
        }
    }

    private static SortedDictionary<string, AgentWindow>? OwnWindows(AggregationRequest request, IEnumerable<string> measured)
    {
        var own = new SortedDictionary<string, AgentWindow>(StringComparer.Ordinal);
        foreach (var agent in measured)
        {
            if (request.AgentWindows.TryGetValue(agent, out var window))
            {
                own[agent] = window;
            }
        }

        return own.Count == 0 ? null : own;
    }

    private static AggregationResult Merge(PluginLogFolder folder, AggregationRequest request, AgentAnalysis[] analyses)
    {
        var totals = new Counts();
        var agents = new SortedDictionary<string, Counts>(StringComparer.Ordinal);
        var signatures = new SignatureTable();
        var files = new List<FileSummary>();
        var sessions = new List<AgentSession>();
        DateTime? first = null, last = null;

        foreach (var analysis in analyses.OrderBy(a => a.Agent, StringComparer.Ordinal))
        {
            var analyzer = analysis.Analyzer;
            totals.Add(analyzer.Counts);
            agents[analysis.Agent] = analyzer.Counts;
            signatures.MergeFrom(analyzer.Signatures);
            files.AddRange(analysis.Files);
            sessions.AddRange(analyzer.Sessions);
            if (analyzer.FirstRecord is { } f && (first is null || f < first))
            {
                first = f;
            }

            if (analyzer.LastRecord is { } l && (last is null || l > last))
            {
                last = l;
            }
        }

        var metrics = new MetricsDocument
        {
            LogsDir = folder.Path,
            Window = new AggregationWindow
            {
                Since = request.Since, Until = request.Until, FirstRecord = first, LastRecord = last,
                Agents = OwnWindows(request, agents.Keys),
            },
            Files = files,
            Totals = totals,
            Agents = agents,
            Signatures = signatures.ToSummaries(),
            Notes = Notes(folder, files, totals),
        };
        return new AggregationResult { Metrics = metrics, Sessions = sessions };
    }

    private static List<string> Notes(PluginLogFolder folder, List<FileSummary> files, Counts totals)
    {
        var notes = new List<string>();
        if (folder.Files.Count == 0)
        {
            notes.Add($"No plugin log files (<identifier>.log, .log.1 … .log.{PluginLogFolder.MaxRotation}) were found in '{folder.Path}'.");
        }

        if (files.Count > 0 && files.All(f => f.Records == 0))
        {
            notes.Add("None of the files holds a Plex Framework log record.");
        }

        long unparsed = files.Sum(f => f.UnparsedLines);
        if (unparsed > 0)
        {
            notes.Add($"{unparsed} non-empty line(s) before a file's first record belong to no record.");
        }

        if (files.Count > 0 && totals.Levels.Total == 0 && files.Any(f => f.Records > 0))
        {
            notes.Add("No record falls inside the requested window.");
        }

        return notes;
    }

    private sealed record AgentAnalysis(string Agent, AgentLogAnalyzer Analyzer, List<FileSummary> Files);

    /// <summary>Reports progress from several threads without flooding the receiver.</summary>
    private sealed class ProgressReporter(IProgress<long>? progress)
    {
        private long _total;
        private long _lastReported;

        public void Add(long bytes)
        {
            if (progress is null)
            {
                return;
            }

            long total = Interlocked.Add(ref _total, bytes);
            long last = Interlocked.Read(ref _lastReported);
            if (total - last >= ProgressStepBytes && Interlocked.CompareExchange(ref _lastReported, total, last) == last)
            {
                progress.Report(total);
            }
        }

        public void Flush() => progress?.Report(Interlocked.Read(ref _total));
    }
}
