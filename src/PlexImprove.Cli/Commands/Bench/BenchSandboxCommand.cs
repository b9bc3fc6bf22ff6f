using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Sandbox.Benchmarks;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// <c>bench sandbox</c>: times refreshes through the sandbox (HTTP PUT → Python 2.7 search and update →
/// websocket "ended"): the median of single refreshes (target ≤ 300 ms) and a batch with several in flight
/// (target: 100 items ≤ 15 s with 4 in flight). The agent used has no deliberate delays.
/// </summary>
public static class BenchSandboxCommand
{
    public static Command Create(CliContext context)
    {
        var singles = new Option<int>("--singles") { Description = "Single refreshes to time one after another (default 20).", DefaultValueFactory = _ => 20 };
        var items = new Option<int>("--items") { Description = "Items in the batch (default 100).", DefaultValueFactory = _ => 100 };
        var concurrency = new Option<int>("--concurrency") { Description = "Refreshes in flight during the batch (default 4).", DefaultValueFactory = _ => 4 };
        var command = new Command("sandbox", "Benchmark refreshes through the sandbox (real Python 2.7 agent, real HTTP).") { singles, items, concurrency };
        command.SetAction(context, async (parseResult, ct) =>
        {
            var (s, n, c) = (parseResult.GetValue(singles), parseResult.GetValue(items), parseResult.GetValue(concurrency));
            if (s is < 1 or > 1000 || n is < 1 or > 10_000 || c is < 1 or > 64)
            {
                throw new Core.Errors.InvalidInputException("--singles must be 1-1000, --items 1-10000 and --concurrency 1-64.");
            }

            var demo = Sandbox.Scenarios.ScenarioCatalog.Default().Resolve("demo");
            var python = await ChangeServices.LocatePythonAsync(context, ct).ConfigureAwait(false);
            var result = await SandboxBenchmark.RunAsync(demo, python, s, n, c, ct).ConfigureAwait(false);
            var median = result.Median.TotalMilliseconds;
            var batch = result.Batch.TotalSeconds;
            await context.Out.WriteLineAsync($"""
                plugin start + first refresh   {result.PluginStart.TotalMilliseconds,8:0} ms
                single refresh, median         {median,8:0} ms   (p90 {result.P90.TotalMilliseconds:0} ms, {result.SingleRefreshes.Count} runs; target <= 300 ms: {(median <= 300 ? "met" : "MISSED")})
                {$"{result.BatchItems} items, {result.Concurrency} in flight",-30} {batch,8:0.00} s    ({result.BatchItems / batch:0.0} items/s; target <= 15 s for 100: {(result.BatchItems != 100 ? "n/a" : batch <= 15 ? "met" : "MISSED")})
                items updated                  {result.Updated,8} of {1 + result.SingleRefreshes.Count + result.BatchItems}
                """).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
