using System.CommandLine;
using System.Globalization;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Logs.Synthetic;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// The synthetic plugin-log corpus <c>bench aggregate</c> and <c>bench diagnose</c> time: its <c>--mib</c> and
/// <c>--keep</c> options, its folder (temporary unless kept) and its generation, 25 agents × 6 files like a full PGMA
/// installation.
/// </summary>
internal sealed class SyntheticCorpus
{
    public const int Agents = 25;
    public const int FilesPerAgent = 6;

    /// <summary>Each timing is the median of this many runs.</summary>
    public const int Runs = 3;

    private readonly Option<int> _mib = new("--mib") { Description = "Corpus size in MiB (default 150: a full PGMA installation).", DefaultValueFactory = _ => 150 };
    private readonly Option<string?> _keep = new("--keep") { Description = "Write the corpus to this folder and keep it (default: a temporary folder, deleted)." };

    public void AddOptionsTo(Command command)
    {
        command.Options.Add(_mib);
        command.Options.Add(_keep);
    }

    /// <summary>Runs <paramref name="bench"/> with the corpus folder and size; a temporary folder is deleted afterwards.</summary>
    /// <exception cref="InvalidInputException">--mib is out of range.</exception>
    public async Task<int> RunAsync(ParseResult parseResult, Func<string, int, Task<int>> bench)
    {
        int size = parseResult.GetValue(_mib);
        if (size is < 1 or > 10_000)
        {
            throw new InvalidInputException("--mib must be between 1 and 10000.");
        }

        var keepDir = parseResult.GetValue(_keep);
        var dir = keepDir ?? Path.Combine(Path.GetTempPath(), $"plex-improve-bench-{Guid.NewGuid():N}");
        try
        {
            return await bench(dir, size).ConfigureAwait(false);
        }
        finally
        {
            if (keepDir is null && Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary>Writes the logs into <paramref name="logsDir"/>, says so on <paramref name="output"/>, and returns their size in MB.</summary>
    public static double Generate(TextWriter output, string logsDir, int mib)
    {
        long bytesPerFile = mib * 1024L * 1024 / (Agents * FilesPerAgent);
        output.WriteLine($"Generating {mib} MiB: {Agents} agents × {FilesPerAgent} files of {bytesPerFile / 1024} KiB in {logsDir}");
        new SyntheticPluginLogs(seed: 42, start: new DateTime(2026, 2, 5, 8, 0, 0)).WriteFolder(logsDir, Agents, bytesPerFile);
        return Directory.GetFiles(logsDir).Sum(f => new FileInfo(f).Length) / 1e6;
    }

    public static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

    public static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
