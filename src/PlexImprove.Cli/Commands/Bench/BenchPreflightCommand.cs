using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Loop.Preflight;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// <c>bench preflight</c>: times the pre-flight of one fix on 5 failing items in the box (target ≤ 5 s): the demo's
/// library is refreshed, the playbook's first fix is run on a scratch copy, cold once and then warm.
/// </summary>
public static class BenchPreflightCommand
{
    public static Command Create(CliContext context)
    {
        var runs = new Option<int>("--runs") { Description = "Warm pre-flights to time after the cold one (default 5).", DefaultValueFactory = _ => 5 };
        var scenario = new Option<string>("--scenario") { Description = "A built-in scenario name or a scenario folder (default demo).", DefaultValueFactory = _ => "demo" };
        var agent = new Option<string?>("--agent") { Description = "Pre-flight the first fix for this agent (identifier or its end, e.g. AEBN); default: the first fix proposed." };
        var command = new Command("preflight", "Benchmark the pre-flight of one fix on 5 failing items in the box (target <= 5 s).") { runs, scenario, agent };
        command.SetAction(context, async (parseResult, ct) =>
        {
            var n = parseResult.GetValue(runs);
            if (n is < 0 or > 100)
            {
                throw new Core.Errors.InvalidInputException("--runs must be 0-100.");
            }

            var root = Sandbox.Scenarios.ScenarioCatalog.Default().Resolve(parseResult.GetValue(scenario) ?? "demo");
            var python = await ChangeServices.LocatePythonAsync(context, ct).ConfigureAwait(false);
            var r = await PreflightBenchmark.RunAsync(root, python, n, parseResult.GetValue(agent), ct).ConfigureAwait(false);
            var warm = r.WarmMedian.TotalSeconds;
            await context.Out.WriteLineAsync($"""
                fix                            {r.FixId}
                result                         {r.Result.Summary}
                cold (scratch box starts)      {r.Cold.TotalSeconds,8:0.00} s
                warm, median                   {warm,8:0.00} s   ({r.WarmRuns} runs; target <= 5 s for 5 items: {(r.Result.Tried != 5 ? "n/a" : warm <= 5 ? "met" : "MISSED")})
                """).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
