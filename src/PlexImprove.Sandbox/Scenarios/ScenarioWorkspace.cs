namespace PlexImprove.Sandbox.Scenarios;

/// <summary>
/// The run folder of a sandbox: a copy of the scenario (so the shipped one is never modified) plus
/// <c>Logs/PMS Plugin Logs</c>. A folder that already holds a scenario is reused as it is, so edits made to
/// its bundles survive a sandbox restart — exactly how a restart makes edited agent code take effect.
/// </summary>
public static class ScenarioWorkspace
{
    /// <summary>Copies <paramref name="scenarioRoot"/> into <paramref name="dir"/> (a new temporary folder when null) unless it already holds a scenario.</summary>
    public static string Prepare(string scenarioRoot, string? dir)
    {
        var target = dir is null
            ? Path.Combine(Path.GetTempPath(), "plex-sandbox-" + Guid.NewGuid().ToString("N")[..8])
            : Path.GetFullPath(dir);
        if (!File.Exists(Path.Combine(target, ScenarioLoader.ManifestFileName)))
        {
            CopyTree(Path.GetFullPath(scenarioRoot), target);
        }

        Directory.CreateDirectory(LogsDir(target));
        return target;
    }

    /// <summary>The <c>PMS Plugin Logs</c> folder of a run folder.</summary>
    public static string LogsDir(string runDir) => Path.Combine(runDir, "Logs", "PMS Plugin Logs");

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.EndsWith(".pyc", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: false);
        }
    }
}
