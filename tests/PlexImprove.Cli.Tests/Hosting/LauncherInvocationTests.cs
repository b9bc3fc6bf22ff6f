using System.Diagnostics;
using System.Runtime.Versioning;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Commands;
using Xunit;

namespace PlexImprove.Cli.Tests.Hosting;

/// <summary>
/// How the program was started decides the first word of every printed command. The real launcher script runs from
/// a copy of the repository whose build is up to date, with a stand-in 'dotnet' that prints what the program would see.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class LauncherInvocationTests
{
    private static TempDirectory LauncherCopy()
    {
        var repo = new TempDirectory();
        File.Copy(Path.Combine(RepositoryPaths.Root(), "plex-improve"), repo.File("plex-improve"));
        File.SetUnixFileMode(repo.File("plex-improve"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        repo.Write(".build/cli/.built", ""); // no sources in the copy: nothing to build
        repo.Write("fake-bin/dotnet", "#!/usr/bin/env bash\necho \"$PLEXIMPROVE_LAUNCHER\"\n");
        File.SetUnixFileMode(repo.File("fake-bin", "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return repo;
    }

    private static async Task<string> LauncherSeesAsync(TempDirectory repo, string command, bool launcherOnPath)
    {
        var start = new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = repo.Path, RedirectStandardOutput = true };
        start.Environment["PATH"] = repo.File("fake-bin") + (launcherOnPath ? ":" + repo.Path : "") + ":/usr/bin:/bin";
        start.Environment.Remove(LaunchDetection.LauncherVariable);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return output.Trim();
    }

    [Fact]
    public async Task StartedAsDotSlash_PrintsDotSlash()
    {
        using var repo = LauncherCopy();

        Assert.Equal("./plex-improve", await LauncherSeesAsync(repo, "./plex-improve status", launcherOnPath: false));
    }

    [Fact]
    public async Task StartedFromPath_PrintsTheBareName()
    {
        using var repo = LauncherCopy();

        Assert.Equal("plex-improve", await LauncherSeesAsync(repo, "cd / && plex-improve status", launcherOnPath: true));
    }

    [Fact]
    public async Task StartedByAFullPathNotOnPath_PrintsThatPath()
    {
        using var repo = LauncherCopy();

        Assert.Equal(repo.File("plex-improve"), await LauncherSeesAsync(repo, $"cd / && '{repo.File("plex-improve")}' status", launcherOnPath: false));
    }

    [Fact]
    public void TheDetectedInvocation_StartsEveryPrintedCommand_QuotedForTheShell()
    {
        var detection = new LaunchDetection(name => name == LaunchDetection.LauncherVariable ? "/opt/my tools/plex-improve" : null);

        Assert.Equal("'/opt/my tools/plex-improve' status --work 'a b'", PrintedCommand.Of(detection.Invocation(), "status --work " + PrintedCommand.Quote("a b")));
        Assert.Equal("./plex-improve demo", PrintedCommand.Of("./plex-improve", "demo"));
    }

    [Fact]
    public void WithoutTheLauncher_TheInstalledNameIsUsed()
    {
        Assert.Equal("plex-improve", new LaunchDetection(_ => null).Invocation());
        Assert.Equal("it's", PrintedCommand.Quote("it's")[1..^1].Replace("'\\''", "'", StringComparison.Ordinal));
    }
}
