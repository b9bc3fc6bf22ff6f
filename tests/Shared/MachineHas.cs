namespace PlexImprove.Testing;

/// <summary>
/// What some tests need from this machine that the repository cannot provide. Tests declare it themselves, so the
/// reason they were skipped is on the test: <c>[Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]</c>.
/// </summary>
internal static class MachineHas
{
    public const string NoNpm = "npm is not installed on this machine: the test installs pinned Node.js packages (an MCP server or client, a Plex client library) with it.";

    public const string NoAptConfig = "apt-config is not installed: this is not a Debian-like system, whose apt sources the script reads.";

    public const string NoRealWorldLogs = "The real-world plugin-log reports are not beside the repository (../shared/data/real-world-logs); they are not part of it.";

    /// <summary>npm is on the PATH.</summary>
    public static bool Npm => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "npm")));

    /// <summary>apt-config is installed (a Debian-like system).</summary>
    public static bool AptConfig => File.Exists("/usr/bin/apt-config");

    /// <summary>The real-world plugin-log reports are in <see cref="RealWorldLogsFolder"/>.</summary>
    public static bool RealWorldLogs => Directory.Exists(RealWorldLogsFolder);

    public static string RealWorldLogsFolder => Path.GetFullPath(Path.Combine(RepositoryPaths.Root(), "..", "shared", "data", "real-world-logs"));
}
