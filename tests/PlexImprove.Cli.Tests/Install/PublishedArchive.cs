using System.Diagnostics;
using PlexImprove.Testing;

namespace PlexImprove.Cli.Tests.Install;

/// <summary>
/// The linux-x64 release archive and the dotnet tool package, built once per test run by <c>scripts/publish.sh</c>,
/// and the archive unpacked into an empty folder outside the repository.
/// </summary>
internal sealed class PublishedArchive
{
    /// <summary>Publishing costs minutes of CPU: these tests run only when asked (<c>scripts/test-published.sh</c>).</summary>
    public const string SkipReason =
        "Publishes the linux-x64 release archive and the dotnet tool (minutes of CPU): run scripts/test-published.sh, or set PLEXIMPROVE_PUBLISH_TESTS=1.";

    private static readonly Lazy<Task<PublishedArchive>> Once = new(PublishAsync);

    private PublishedArchive(string artifacts, string installDir, string version)
    {
        Artifacts = artifacts;
        InstallDir = installDir;
        Version = version;
    }

    public static bool Enabled => Environment.GetEnvironmentVariable("PLEXIMPROVE_PUBLISH_TESTS") == "1";

    /// <summary>The folder holding the archives and the tool package.</summary>
    public string Artifacts { get; }

    /// <summary>The unpacked archive's folder, holding the program and its shipped files.</summary>
    public string InstallDir { get; }

    public string Version { get; }

    public string Program => Path.Combine(InstallDir, "plex-improve");

    public static Task<PublishedArchive> GetAsync() => Once.Value;

    private static async Task<PublishedArchive> PublishAsync()
    {
        var root = RepositoryPaths.Root();
        const string version = "0.0.0-test";
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "publish.sh"));
        start.ArgumentList.Add("linux-x64");
        start.Environment["PLEXIMPROVE_VERSION"] = version;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed ({process.ExitCode}): {await errors}");
        }

        var archive = (await output).Split('\n').Select(l => l.Trim()).Single(l => l.EndsWith("-linux-x64.tar.gz", StringComparison.Ordinal));

        // An empty folder outside the repository: only the archive is copied there.
        var place = Path.Combine(Path.GetTempPath(), "plex-improve-installed-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(place);
        var copy = Path.Combine(place, Path.GetFileName(archive));
        File.Copy(archive, copy);
        var untar = new ProcessStartInfo("tar", ["-xzf", copy, "-C", place]) { RedirectStandardError = true };
        using (var tar = Process.Start(untar)!)
        {
            await tar.WaitForExitAsync();
            if (tar.ExitCode != 0)
            {
                throw new InvalidOperationException("tar failed: " + await tar.StandardError.ReadToEndAsync());
            }
        }

        return new PublishedArchive(Path.GetDirectoryName(archive)!, Path.Combine(place, $"plex-improve-{version}-linux-x64"), version);
    }
}
