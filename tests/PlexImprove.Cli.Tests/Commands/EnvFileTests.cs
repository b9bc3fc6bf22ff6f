using System.Diagnostics;
using PlexImprove.Cli.Commands;
using PlexImprove.Sandbox.Hosting;
using PlexImprove.Testing;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>The file <c>sandbox up --env-file</c> writes, read the way the README says: <c>source FILE</c> in a shell.</summary>
public sealed class EnvFileTests
{
    [Fact]
    public async Task SourcingTheFile_ExportsEveryValueUnchanged_EvenWithQuotesAndSpaces()
    {
        using var home = new TempDirectory();
        var path = home.File("sandbox.env");
        var connection = new SandboxConnection
        {
            Url = "http://127.0.0.1:32401",
            Token = "to'ken $HOME `x`",
            PluginsDir = home.File("Plug ins"),
            LogsDir = home.File("PMS Plugin Logs"),
            Dir = home.Path,
        };
        await EnvFile.WriteAsync(path, connection, TestContext.Current.CancellationToken);

        // A child of the shell sees only exported variables: exactly what the next plex-improve command would see.
        var start = new ProcessStartInfo("bash", ["-c", "source \"$1\" && env -0", "bash", path]) { RedirectStandardOutput = true };
        foreach (var (name, _) in EnvFile.Values(connection))
        {
            start.Environment.Remove(name);
        }

        using var shell = Process.Start(start)!;
        var environment = await shell.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await shell.WaitForExitAsync(TestContext.Current.CancellationToken);
        var exported = environment.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2)).ToDictionary(e => e[0], e => e[1], StringComparer.Ordinal);

        Assert.Equal(0, shell.ExitCode);
        foreach (var (name, value) in EnvFile.Values(connection))
        {
            Assert.Equal(value, exported.GetValueOrDefault(name));
        }
    }

    [Fact]
    public async Task TheExportLines_AreReadByTheProgramsOwnDotEnvReader_Too()
    {
        using var home = new TempDirectory();
        var path = home.File("sandbox.env");
        var connection = new SandboxConnection { Url = "http://127.0.0.1:32401", Token = "abc def", PluginsDir = "/p", LogsDir = "/l", Dir = "/d" };
        await EnvFile.WriteAsync(path, connection, TestContext.Current.CancellationToken);

        var values = DotNetEnv.Env.NoEnvVars().Load(path).ToDictionary(StringComparer.Ordinal);

        Assert.Equal("abc def", values["PLEX_TOKEN"]);
        Assert.Equal("http://127.0.0.1:32401", values["PLEXIMPROVE__Plex__Url"]);
    }
}
