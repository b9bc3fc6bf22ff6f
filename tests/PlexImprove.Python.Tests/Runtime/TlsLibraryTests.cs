using PlexImprove.Python.Runtime;
using Xunit;

namespace PlexImprove.Python.Tests.Runtime;

/// <summary>OpenSSL 1.1 unpacked beside a provisioned interpreter is found through LD_LIBRARY_PATH, without system changes.</summary>
public sealed class TlsLibraryTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("pleximprove-tls-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void LibsslBesideTheInterpreter_IsPutOnTheLibraryPath()
    {
        var folder = Path.Combine(_home, "lib", "x86_64-linux-gnu");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "libssl.so.1.1"), []);
        var runtime = new Python27Runtime("/usr/bin/false", new Dictionary<string, string> { ["PYTHONHOME"] = _home }, "2.7.18", InterpreterSource.ProjectLocal);

        var info = runtime.StartInfo(["-c", "pass"]);

        Assert.Equal(folder, Python27Runtime.BundledTlsLibraryFolder(_home));
        Assert.Equal(folder, info.Environment["LD_LIBRARY_PATH"]);
    }

    [Fact]
    public void NoLibssl_LeavesTheLibraryPathAlone()
    {
        Directory.CreateDirectory(Path.Combine(_home, "lib", "x86_64-linux-gnu"));

        Assert.Null(Python27Runtime.BundledTlsLibraryFolder(_home));
        Assert.Null(Python27Runtime.BundledTlsLibraryFolder(null));
    }

    [Fact]
    public async Task ProvisionedInterpreter_ImportsSsl_WhenItsTlsLibrariesArePresent()
    {
        var runtime = await TestPython.RuntimeAsync(TestContext.Current.CancellationToken);
        var home = runtime.Environment.TryGetValue("PYTHONHOME", out var h) ? h : null;
        var expected = Python27Runtime.BundledTlsLibraryFolder(home) is not null;

        var result = await ProcessRunner.RunAsync(runtime.StartInfo(["-c", "import ssl; print ssl.OPENSSL_VERSION"]), "", TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(expected, result.ExitCode == 0);
        if (expected)
        {
            Assert.StartsWith("OpenSSL 1.1", result.StandardOutput.Trim(), StringComparison.Ordinal);
        }
    }
}
