using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Sandbox.Benchmarks;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// <c>bench provide</c>: what serving an agent as a Custom Metadata Provider adds per match and per metadata call over
/// the agent's own search and update run through the box (target ≤ 50 ms each).
/// </summary>
public static class BenchProvideCommand
{
    public static Command Create(CliContext context)
    {
        var rounds = new Option<int>("--rounds") { Description = "Rounds of one search + update through the box and one match + metadata call through the provider (default 40).", DefaultValueFactory = _ => 40 };
        var command = new Command("provide", "Benchmark the provider's overhead per match and per metadata call over the agent's own time.") { rounds };
        command.SetAction(context, async (parseResult, ct) =>
        {
            var n = parseResult.GetValue(rounds);
            if (n is < 1 or > 10_000)
            {
                throw new Core.Errors.InvalidInputException("--rounds must be 1-10000.");
            }

            var python = await ChangeServices.LocatePythonAsync(context, ct).ConfigureAwait(false);
            var r = await ProviderBenchmark.RunAsync(python, n, ct).ConfigureAwait(false);
            static string Verdict(double overhead) => overhead <= 50 ? "met" : "MISSED";
            await context.Out.WriteLineAsync($"""
                provider start (plug-in loaded)  {r.Startup.TotalMilliseconds,8:0} ms
                                                 box (agent's own)   provider     overhead median (p90)
                match    (search)                {r.BoxMatchMedian,8:0.0} ms      {r.ProviderMatchMedian,8:0.0} ms  {r.MatchOverheadMedian,8:0.0} ms ({r.MatchOverheadP90:0.0} ms)   target <= 50 ms: {Verdict(r.MatchOverheadMedian)}
                metadata (update)                {r.BoxMetadataMedian,8:0.0} ms      {r.ProviderMetadataMedian,8:0.0} ms  {r.MetadataOverheadMedian,8:0.0} ms ({r.MetadataOverheadP90:0.0} ms)   target <= 50 ms: {Verdict(r.MetadataOverheadMedian)}
                {r.Box.Count} rounds, medians of the round-by-round differences.
                """).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
