using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Tests.TestSupport;
using PlexImprove.Python.Runtime;
using Xunit;

namespace PlexImprove.Cli.Tests.Hosting;

/// <summary>
/// Python 2.7 on demand, with a stand-in setup script in a temporary project folder: the real script downloads
/// packages, so the stand-in links the interpreter this repository already provisioned (or fails like the real
/// one does on a machine without apt-get).
/// </summary>
public sealed class Python27ProvisionerTests
{
    private static Python27Locator LocatorFor(string projectRoot) =>
        new(new Python27LocatorOptions { ProjectRoot = projectRoot, SearchPath = "", ScriptHosts = [] });

    private static void WriteScript(TempDirectory project, string body)
    {
        Directory.CreateDirectory(project.File("scripts"));
        File.WriteAllText(project.File("scripts/setup-python27.sh"), "#!/usr/bin/env bash\nset -euo pipefail\n" + body);
    }

    [Fact]
    public async Task Locate_NoInterpreter_RunsTheSetupScriptWithAProgressLineAndUsesWhatItInstalled()
    {
        using var project = new TempDirectory();
        var real = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7");
        WriteScript(project, $"echo 'Fetching python2.7-minimal…'\nmkdir -p \"$(dirname \"$0\")/../.tools\"\nln -s '{real}' \"$(dirname \"$0\")/../.tools/python2.7\"\necho 'Python 2.7 ready'\n");
        var progress = new StringWriter();

        var runtime = await new Python27Provisioner(project.Path, enabled: true, progress).LocateAsync(LocatorFor(project.Path), TestContext.Current.CancellationToken);

        Assert.StartsWith("2.7.", runtime.Version, StringComparison.Ordinal);
        Assert.Contains("provisioning the project-local one with scripts/setup-python27.sh", progress.ToString(), StringComparison.Ordinal);
        Assert.Contains("  Fetching python2.7-minimal…", progress.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locate_ScriptFails_SaysWhyAndWhatToDo()
    {
        using var project = new TempDirectory();
        WriteScript(project, "echo \"error: 'apt-get' is needed to provision Python 2.7 (a Debian-like system).\" >&2\nexit 2\n");

        var error = await Assert.ThrowsAsync<Python27NotFoundException>(() =>
            new Python27Provisioner(project.Path, enabled: true, new StringWriter()).LocateAsync(LocatorFor(project.Path), TestContext.Current.CancellationToken));

        Assert.Contains("failed (exit code 2): error: 'apt-get' is needed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Python27:Path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locate_AutoProvisionOff_NeverRunsTheScript()
    {
        using var project = new TempDirectory();
        WriteScript(project, "touch \"$(dirname \"$0\")/ran\"\n");
        var progress = new StringWriter();

        var error = await Assert.ThrowsAsync<Python27NotFoundException>(() =>
            new Python27Provisioner(project.Path, enabled: false, progress).LocateAsync(LocatorFor(project.Path), TestContext.Current.CancellationToken));

        Assert.StartsWith("No Python 2.7 interpreter was found.", error.Message, StringComparison.Ordinal);

        Assert.False(File.Exists(project.File("scripts/ran")));
        Assert.Equal("", progress.ToString());
    }

    [Fact]
    public async Task Locate_SeparateToolsRoot_ProvisionsThereNotBesideTheScript()
    {
        using var program = new TempDirectory();
        using var data = new TempDirectory();
        var real = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7");
        WriteScript(program, $"mkdir -p \"$PLEXIMPROVE_TOOLS_ROOT/.tools\"\nln -s '{real}' \"$PLEXIMPROVE_TOOLS_ROOT/.tools/python2.7\"\n");

        var runtime = await new Python27Provisioner(program.Path, enabled: true, new StringWriter(), data.Path)
            .LocateAsync(LocatorFor(data.Path), TestContext.Current.CancellationToken);

        Assert.StartsWith("2.7.", runtime.Version, StringComparison.Ordinal);
        Assert.False(Directory.Exists(program.File(".tools")));
    }
}
