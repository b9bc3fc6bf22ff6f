namespace PlexImprove.Testing;

/// <summary>
/// What some tests need from this machine that the repository cannot provide. Tests declare it themselves, so the
/// reason they were skipped is on the test: <c>[Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]</c>.
/// </summary>
internal static class MachineHas
{
    public const string NoNpm = "npm is not installed on this machine: the test installs pinned Node.js packages (an MCP server or client, a Plex client library) with it.";

    public const string NoAptConfig = "apt-config is not installed: this is not a Debian-like system, whose apt sources the script reads.";

    public const string NoRealWorldLogs = "No folder of real-world plugin-log reports is named by PLEXIMPROVE_REAL_WORLD_LOGS; they are not part of the repository.";

    /// <summary>npm is on the PATH.</summary>
    public static bool Npm => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "npm")));

    /// <summary>apt-config is installed (a Debian-like system).</summary>
    public static bool AptConfig => File.Exists("/usr/bin/apt-config");

    /// <summary>The real-world plugin-log reports are in <see cref="RealWorldLogsFolder"/>.</summary>
    public static bool RealWorldLogs => RealWorldLogsFolder.Length > 0 && Directory.Exists(RealWorldLogsFolder);

    /// <summary>The folder <c>PLEXIMPROVE_REAL_WORLD_LOGS</c> names (reports of real Plex servers, kept outside the repository), or "".</summary>
    public static string RealWorldLogsFolder => Environment.GetEnvironmentVariable("PLEXIMPROVE_REAL_WORLD_LOGS") is { Length: > 0 } folder ? Path.GetFullPath(folder) : "";
}
