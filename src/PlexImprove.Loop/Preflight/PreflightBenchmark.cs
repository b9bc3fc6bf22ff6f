using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Preflight;
using PlexImprove.Agent.Sites;
using PlexImprove.Core.Digest;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.Coordination;
using PlexImprove.Python.Runtime;
using PlexImprove.Sandbox.Hosting;
using PlexImprove.Sandbox.Preflight;

namespace PlexImprove.Loop.Preflight;

/// <summary>
/// Times one pre-flight in a box: the scenario's library is refreshed once (the failures land in the logs), the
/// playbook diagnoses it without pre-flight, and the first fix proposed (for the agent asked for) is pre-flighted on up to 5 failing items,
/// once cold (the scratch box starts) and then warm, several times.
/// </summary>
public static class PreflightBenchmark
{
    public static async Task<PreflightBenchmarkResult> RunAsync(string scenarioRoot, Python27Runtime python, int warmRuns, string? agentName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(python);
        var time = TimeProvider.System;
        await using var box = await SandboxHost.StartAsync(new SandboxOptions { ScenarioRoot = scenarioRoot, Port = 0 }, python, time, ct).ConfigureAwait(false);
        foreach (var item in box.Library.Items)
        {
            box.Refreshes.Enqueue(item);
        }

        await box.Refreshes.WhenIdleAsync(ct).ConfigureAwait(false);
        var logs = box.Connection.LogsDir;
        var aggregation = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = logs, CollectSessions = true }, cancellationToken: ct);
        var connection = box.Connection;
        using var fetcher = new PageFetcher(PageFetcherOptions.For(
            SiteRoutes.Box(connection.Sites.ToDictionary(s => s.Key, s => new Uri(s.Value), StringComparer.OrdinalIgnoreCase), connection.Url),
            new SiteAllowlist(connection.PluginsDir, [])));
        var report = await new PlaybookBrain(new PlaybookBrainOptions { Fetcher = fetcher }).DiagnoseAsync(new DiagnosisRequest
        {
            Aggregation = aggregation,
            Digest = DigestWriter.Write(aggregation.Metrics),
            PluginsDir = box.Connection.PluginsDir,
            LogsDir = logs,
            Lessons = LessonBook.Empty,
        }, ct).ConfigureAwait(false);
        var fix = report.Fixes.FirstOrDefault(f => f.Patch is not null && (agentName is null || f.Agents.Any(a => a.EndsWith(agentName, StringComparison.OrdinalIgnoreCase))))
            ?? throw new Core.Errors.InvalidInputException($"The playbook proposed no fix{(agentName is null ? "" : " for " + agentName)} on this scenario, so there is nothing to pre-flight.");
        var agent = fix.Agents[0];
        await using var preflight = new ScratchBoxPreflight(new ScratchBoxPreflightOptions
        {
            PluginsDir = box.Connection.PluginsDir,
            Python = _ => Task.FromResult(python),
            Box = new ScratchBoxOptions { SiteMap = box.Sites.SiteMap },
        });
        var items = FailingItems.Find(logs, agent, aggregation.Sessions, preflight.MaxItems, ct);
        var request = new PreflightRequest { Fix = fix, Agent = agent, Items = items };
        var start = time.GetTimestamp();
        var cold = await preflight.RunAsync(request, ct).ConfigureAwait(false);
        var coldTime = time.GetElapsedTime(start);
        var warm = new List<TimeSpan>();
        for (var i = 0; i < warmRuns; i++)
        {
            start = time.GetTimestamp();
            await preflight.RunAsync(request, ct).ConfigureAwait(false);
            warm.Add(time.GetElapsedTime(start));
        }

        warm.Sort();
        return new PreflightBenchmarkResult(fix.Id, cold, coldTime, warm.Count == 0 ? coldTime : warm[warm.Count / 2], warm.Count);
    }
}
