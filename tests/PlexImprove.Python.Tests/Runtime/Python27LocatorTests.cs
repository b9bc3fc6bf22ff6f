using System.Runtime.Versioning;
using PlexImprove.Python.Runtime;
using Xunit;

namespace PlexImprove.Python.Tests.Runtime;

public sealed class Python27LocatorTests
{
    [Fact]
    public async Task Locate_ProjectLocalInterpreter_IsVerifiedAs27()
    {
        var runtime = await new Python27Locator(TestPython.Options()).LocateAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("2.7.", runtime.Version, StringComparison.Ordinal);
        Assert.Equal(InterpreterSource.ProjectLocal, runtime.Source);
        Assert.True(runtime.Environment.ContainsKey("PYTHONHOME"));
    }

    [Fact]
    public async Task Locate_NoPythonAnywhere_SaysEveryWayToProvideOne()
    {
        var empty = Directory.CreateTempSubdirectory("pleximprove-nopython-").FullName;
        try
        {
            var locator = new Python27Locator(new Python27LocatorOptions { ProjectRoot = empty, SearchPath = empty, ScriptHosts = [] });

            var error = await Assert.ThrowsAsync<Python27NotFoundException>(() => locator.LocateAsync(TestContext.Current.CancellationToken));

            Assert.Equal(PlexImprove.Core.Errors.FailureKind.BadInput, error.Kind);
            Assert.Contains("Python27:Path", error.Message, StringComparison.Ordinal);
            Assert.Contains("setup-python27.sh", error.Message, StringComparison.Ordinal);
            Assert.Contains("Plex Script Host", error.Message, StringComparison.Ordinal);
            Assert.All(error.Candidates, c => Assert.NotEmpty(c.Reason));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task DiscoverAll_Python3OnPathAndConfigured_AreSkippedWithTheirVersion()
    {
        var folder = Directory.CreateTempSubdirectory("pleximprove-fakepython-").FullName;
        try
        {
            // A stand-in that answers the version probe like a Python 3 would.
            var fake = Path.Combine(folder, "python2.7");
            File.WriteAllText(fake, "#!/bin/sh\nprintf '3.11.2'\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var options = new Python27LocatorOptions
            {
                ConfiguredPath = fake,
                SearchPath = folder,
                ScriptHosts = [new InterpreterCandidate { Source = InterpreterSource.PlexScriptHost, Path = Path.Combine(folder, "Plex Script Host") }],
                ProjectRoot = RepositoryPaths.Root(),
            };

            var candidates = await new Python27Locator(options).DiscoverAllAsync(TestContext.Current.CancellationToken);

            Assert.Equal(
                [InterpreterSource.Configured, InterpreterSource.SearchPath, InterpreterSource.SearchPath, InterpreterSource.PlexScriptHost, InterpreterSource.ProjectLocal],
                candidates.Select(c => c.Source));
            Assert.Equal("reports Python 3.11.2, not 2.7", candidates[0].Reason);
            Assert.Equal("reports Python 3.11.2, not 2.7", candidates[1].Reason);
            Assert.Equal("not on PATH", candidates[2].Reason);
            Assert.Equal("not found", candidates[3].Reason);
            Assert.True(candidates[4].Used);
            Assert.Single(candidates, c => c.Used);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void StartInfo_SetsTheInterpreterEnvironmentAndDropsPythonPath()
    {
        var runtime = new Python27Runtime("/opt/py/python2.7", new Dictionary<string, string> { ["PYTHONHOME"] = "/opt/py" }, "2.7.18", InterpreterSource.Configured);

        var info = runtime.StartInfo(["script.py", "arg with space"]);

        Assert.Equal("/opt/py/python2.7", info.FileName);
        Assert.Equal(["script.py", "arg with space"], info.ArgumentList);
        Assert.Equal("/opt/py", info.Environment["PYTHONHOME"]);
        Assert.Equal("1", info.Environment["PYTHONDONTWRITEBYTECODE"]);
        Assert.False(info.Environment.ContainsKey("PYTHONPATH"));
        Assert.False(info.UseShellExecute);
    }
}
