using System.Diagnostics;
using System.Globalization;

namespace PlexImprove.Cli.Hosting;

/// <summary>
/// Lets <c>bench</c> measure a child <c>plex-improve</c> process's peak memory: with the variable set, the
/// process prints its peak working set to stderr as it exits.
/// </summary>
public static class PeakMemoryReport
{
    public const string EnvironmentVariable = "PLEXIMPROVE_REPORT_PEAK_MEMORY";

    private const string Prefix = "peak-working-set-bytes=";

    public static void WriteIfRequested()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) == "1")
        {
            using var self = Process.GetCurrentProcess();
            Console.Error.WriteLine(Prefix + self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static long Parse(string stderr)
    {
        foreach (var line in stderr.Split('\n'))
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal) && long.TryParse(line.AsSpan(Prefix.Length).Trim(), CultureInfo.InvariantCulture, out long value))
            {
                return value;
            }
        }

        return 0;
    }
}
