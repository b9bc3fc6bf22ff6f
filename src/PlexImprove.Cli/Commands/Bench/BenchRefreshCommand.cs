using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Errors;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Refresh;
using PlexImprove.Bench.Plex;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// <c>bench refresh</c>: how long after the server marks a refresh finished the tester knows it — with the
/// websocket (target ≤ 250 ms) and when polling (target ≤ 1.5 s) — against a loopback stand-in, refreshing
/// 25 items whose refreshes take 50–400 ms each. Also prints each batch's wall time: no fixed sleeps.
/// </summary>
public static class BenchRefreshCommand
{
    private static readonly TimeSpan WebSocketTarget = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PollingTarget = TimeSpan.FromMilliseconds(1500);

    public static Command Create(CliContext context)
    {
        var items = new Option<int>("--items") { Description = "Items per batch (default 25: 20 failed + 5 controls).", DefaultValueFactory = _ => 25 };
        var command = new Command("refresh", "Measure refresh-completion detection latency (websocket and polling) against a loopback server.") { items };
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            int count = parseResult.GetValue(items);
            if (count is < 1 or > 1000)
            {
                throw new InvalidInputException("--items must be between 1 and 1000.");
            }

            var keys = Enumerable.Range(1, count).Select(i => (1000 + i).ToString(CultureInfo.InvariantCulture)).ToList();
            var ws = await MeasureAsync(context, keys, useWebSocket: true, cancellationToken).ConfigureAwait(false);
            var polling = await MeasureAsync(context, keys, useWebSocket: false, cancellationToken).ConfigureAwait(false);
            context.Out.WriteLine($"Refresh completion latency over {count} items (server marks finished → tester knows), 4 in flight:");
            Print(context, "websocket", ws, WebSocketTarget);
            Print(context, "polling  ", polling, PollingTarget);
            bool met = ws.Max <= WebSocketTarget && polling.Max <= PollingTarget;
            context.Out.WriteLine(met ? "Both targets met." : "A target was missed (see above).");
            return met ? ExitCodes.Ok : ExitCodes.WorkFailed;
        });
        return command;
    }

    private static void Print(CliContext context, string mode, Measurement m, TimeSpan target) =>
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {mode}  median {m.Median.TotalMilliseconds,7:0.0} ms  p95 {m.P95.TotalMilliseconds,7:0.0} ms  max {m.Max.TotalMilliseconds,7:0.0} ms  (target ≤ {target.TotalMilliseconds:0} ms: {(m.Max <= target ? "met" : "MISSED")})  batch {m.Batch.TotalSeconds:0.00} s, {m.TimedOut} timed out"));

    private static async Task<Measurement> MeasureAsync(CliContext context, IReadOnlyList<string> keys, bool useWebSocket, CancellationToken cancellationToken)
    {
        // Deterministic spread of refresh durations, 50–400 ms.
        var server = await FakePlexServer.StartAsync().ConfigureAwait(false);
        await using var stopServer = server.ConfigureAwait(false);
        server.RefreshDurationOf = key => TimeSpan.FromMilliseconds(50 + (int.Parse(key, CultureInfo.InvariantCulture) * 37 % 351));
        foreach (var key in keys)
        {
            server.AddItem(key);
        }

        using var client = new PlexClient(new PlexClientOptions { BaseUrl = server.Url, Token = FakePlexServer.Token, ClientIdentifier = "plex-improve-bench" });
        var options = new RefreshOptions
        {
            UseWebSocket = useWebSocket,
            ItemTimeout = TimeSpan.FromSeconds(30),
            MaxInFlight = 4,
            PollInterval = TimeSpan.FromMilliseconds(context.Settings.Test.PollIntervalMilliseconds),
        };
        var clock = Stopwatch.StartNew();
        var result = await new RefreshBatch(client, options).RunAsync(keys, cancellationToken: cancellationToken).ConfigureAwait(false);
        clock.Stop();

        var latencies = result.Items
            .Where(i => i.Signal is not null && server.FinishedAt.ContainsKey(i.RatingKey))
            .Select(i => Stopwatch.GetElapsedTime(server.FinishedAt[i.RatingKey], i.Signal!.Timestamp))
            .Order()
            .ToList();
        if (latencies.Count == 0)
        {
            throw new InvalidOperationException("No refresh completed during the benchmark.");
        }

        return new Measurement(
            latencies[latencies.Count / 2],
            latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * 0.95) - 1)],
            latencies[^1],
            clock.Elapsed,
            result.Items.Count(i => i.Status == RefreshStatus.TimedOut));
    }

    private sealed record Measurement(TimeSpan Median, TimeSpan P95, TimeSpan Max, TimeSpan Batch, int TimedOut);
}
