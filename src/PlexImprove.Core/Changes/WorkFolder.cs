using System.Globalization;
using System.Text.RegularExpressions;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes;

/// <summary>The run folder layout: <c>&lt;work&gt;/iteration_&lt;N&gt;/</c> with <c>implementation_log.json</c> and <c>_BACKUPS/</c>.</summary>
public sealed partial class WorkFolder
{
    public WorkFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FullPath = Path.GetFullPath(path);
    }

    public string FullPath { get; }

    /// <summary>An iteration's Phase 1 metrics document.</summary>
    public const string MetricsFile = "metrics.json";

    /// <summary>An iteration's Phase 1 digest, the aggregated logs in Markdown.</summary>
    public const string DigestFile = "aggregated_logs.md";

    public string MetricsPath(int iteration) => Path.Combine(IterationPath(iteration), MetricsFile);

    public string DigestPath(int iteration) => Path.Combine(IterationPath(iteration), DigestFile);

    /// <summary><c>&lt;work&gt;/iteration_&lt;N&gt;</c>.</summary>
    public string IterationPath(int iteration) => Path.Combine(FullPath, $"iteration_{iteration.ToString(CultureInfo.InvariantCulture)}");

    /// <summary><c>&lt;work&gt;/iteration_&lt;N&gt;/_BACKUPS</c>.</summary>
    public string BackupsPath(int iteration) => Path.Combine(IterationPath(iteration), "_BACKUPS");

    /// <summary><c>&lt;work&gt;/iteration_&lt;N&gt;/implementation_log.json</c>.</summary>
    public string ImplementationLogPath(int iteration) => Path.Combine(IterationPath(iteration), "implementation_log.json");

    /// <summary>The iteration numbers that have a folder, ascending.</summary>
    public IReadOnlyList<int> Iterations()
    {
        if (!Directory.Exists(FullPath))
        {
            return [];
        }

        // An iteration folder that is a symlink leading out of the work folder is not one of this run's.
        var confinement = new ConfinedRoot(FullPath, "work folder");
        return [.. Directory.EnumerateDirectories(FullPath, "iteration_*")
            .Where(confinement.Contains)
            .Select(d => IterationFolder().Match(Path.GetFileName(d)))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Order()];
    }

    /// <summary>Checks a fix id: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, at most 64 characters (it becomes a folder name).</summary>
    public static string ValidateFixId(string fixId)
    {
        if (string.IsNullOrWhiteSpace(fixId) || !FixIdPattern().IsMatch(fixId))
        {
            throw new InvalidInputException(
                $"The fix id '{fixId}' is not usable: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (for example 'fix-403-headers').");
        }

        return fixId;
    }

    /// <summary>Checks an iteration number (1 or more).</summary>
    public static int ValidateIteration(int iteration) => iteration >= 1
        ? iteration
        : throw new InvalidInputException($"The iteration number must be 1 or more (got {iteration}).");

    [GeneratedRegex(@"^iteration_(\d+)$")]
    private static partial Regex IterationFolder();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex FixIdPattern();
}
