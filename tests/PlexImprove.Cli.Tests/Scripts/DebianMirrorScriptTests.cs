using System.Diagnostics;
using PlexImprove.Testing;
using Xunit;

namespace PlexImprove.Cli.Tests.Scripts;

/// <summary>
/// scripts/debian-mirror.sh against stand-in apt sources: APT_CONFIG points apt-config at a temporary
/// sources.list and sources.list.d, as a site with its own mirror or proxy would have them.
/// </summary>
public sealed class DebianMirrorScriptTests
{
    private static string Script => Path.Combine(RepositoryPaths.Root(), "scripts", "debian-mirror.sh");

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(TempDirectory apt, string? mirrorOverride = null)
    {
        apt.Write("apt.conf", $"Dir::Etc::sourcelist \"{apt.File("sources.list")}\";\nDir::Etc::sourceparts \"{apt.File("sources.list.d")}\";\n");
        apt.Sub("sources.list.d");
        var start = new ProcessStartInfo("bash", [Script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["APT_CONFIG"] = apt.File("apt.conf");
        start.Environment.Remove("PYTHON27_DEBIAN_MIRROR");
        if (mirrorOverride is not null)
        {
            start.Environment["PYTHON27_DEBIAN_MIRROR"] = mirrorOverride;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }

    [Fact(Skip = MachineHas.NoAptConfig, SkipUnless = nameof(MachineHas.AptConfig), SkipType = typeof(MachineHas))]
    public async Task OneLineSources_ThePlainReleaseArchiveIsChosen_SecurityAndOptionsSkipped()
    {
        using var apt = new TempDirectory();
        apt.Write("sources.list",
            "# deb http://commented.example/debian bookworm main\n" +
            "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://security.example/debian-security bookworm-security main\n" +
            "deb [arch=amd64 signed-by=/k.gpg] http://apt-proxy.example:3142/debian/ bookworm main contrib\n");

        var (exitCode, output, _) = await RunAsync(apt);

        Assert.Equal(0, exitCode);
        Assert.Equal("http://apt-proxy.example:3142/debian", output);
    }

    [Fact(Skip = MachineHas.NoAptConfig, SkipUnless = nameof(MachineHas.AptConfig), SkipType = typeof(MachineHas))]
    public async Task Deb822Sources_TheFirstEnabledDebianArchiveIsChosen()
    {
        using var apt = new TempDirectory();
        apt.Write("sources.list.d/debian.sources",
            "Types: deb\nURIs: http://disabled.example/debian\nSuites: bookworm\nComponents: main\nEnabled: no\n\n" +
            "Types: deb\n# a comment inside the stanza\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /k.gpg\n\n" +
            "Types: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\nComponents: main\n");

        var (exitCode, output, _) = await RunAsync(apt);

        Assert.Equal(0, exitCode);
        Assert.Equal("http://mirror.example/debian", output);
    }

    [Fact(Skip = MachineHas.NoAptConfig, SkipUnless = nameof(MachineHas.AptConfig), SkipType = typeof(MachineHas))]
    public async Task TheEnvironmentVariable_WinsOverTheSystemSources()
    {
        using var apt = new TempDirectory();
        apt.Write("sources.list", "deb http://mirror.example/debian bookworm main\n");

        var (exitCode, output, _) = await RunAsync(apt, "http://own.example/debian/");

        Assert.Equal(0, exitCode);
        Assert.Equal("http://own.example/debian", output);
    }

    [Fact(Skip = MachineHas.NoAptConfig, SkipUnless = nameof(MachineHas.AptConfig), SkipType = typeof(MachineHas))]
    public async Task NoDebianArchive_Exit2NamingTheEnvironmentVariable()
    {
        using var apt = new TempDirectory();
        apt.Write("sources.list", "deb http://archive.ubuntu.example/ubuntu jammy main\n");

        var (exitCode, output, error) = await RunAsync(apt);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("PYTHON27_DEBIAN_MIRROR", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSetupScript_NamesNoMirrorHost()
    {
        var setup = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "scripts", "setup-python27.sh"));

        Assert.DoesNotContain("://", setup, StringComparison.Ordinal);
        Assert.Contains("scripts/debian-mirror.sh", setup, StringComparison.Ordinal);
    }
}
