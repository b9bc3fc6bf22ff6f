using System.Diagnostics;
using Xunit;

namespace PlexImprove.Cli.Tests.Scripts;

/// <summary>scripts/skipped-tests.sh, which ./test.sh runs on the TRX files of the suite to say why each skipped test was skipped.</summary>
public sealed class SkippedTestsScriptTests
{
    private const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun><Results>
            <UnitTestResult executionId="1" testId="2" testName="Tests.Passes" outcome="Passed" />
            <UnitTestResult executionId="3" testId="4" testName="Tests.NeedsNpm" computerName="x" outcome="NotExecuted" testListId="5">
              <Output>
                <ErrorInfo>
                  <Message>npm is not installed: &apos;npm&apos; &amp; &lt;node&gt; are needed</Message>
                </ErrorInfo>
              </Output>
            </UnitTestResult>
            <UnitTestResult executionId="6" testId="7" testName="Tests.Fails" outcome="Failed"><Output><ErrorInfo><Message>boom</Message></ErrorInfo></Output></UnitTestResult>
        </Results></TestRun>
        """;

    private static async Task<string> RunAsync(params string[] files)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root(), "scripts", "skipped-tests.sh"), .. files]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    [Fact]
    public async Task EachSkippedTest_IsListedWithItsReason_AndNoOtherTest()
    {
        using var folder = new TempDirectory();

        var output = await RunAsync(folder.Write("a.trx", Trx));

        Assert.Equal("skipped: Tests.NeedsNpm — npm is not installed: 'npm' & <node> are needed\n", output);
    }

    [Fact]
    public async Task NoReport_PrintsNothing()
    {
        Assert.Equal("", await RunAsync());
    }

    [Fact]
    public void TheTestScript_PrintsTheReasonsBeforeItsLastLine()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "test.sh"));

        Assert.Matches(@"--logger ""?trx[;\s""]", script);
        Assert.True(script.IndexOf("scripts/skipped-tests.sh", StringComparison.Ordinal) < script.LastIndexOf("passed, $failed failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Totals_CountAProjectWhoseTestsWereAllSkipped()
    {
        using var folder = new TempDirectory();
        var log = folder.Write("test.log",
            "Skipped! - Failed:     0, Passed:     0, Skipped:     2, Total:     2, Duration: 377 ms - A.Tests.dll (net10.0)\n" +
            "Passed!  - Failed:     0, Passed:     8, Skipped:     1, Total:     9, Duration: 1 s - B.Tests.dll (net10.0)\n" +
            "Failed!  - Failed:     1, Passed:     3, Skipped:     0, Total:     4, Duration: 1 s - C.Tests.dll (net10.0)\n");
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root(), "scripts", "test-totals.sh"), log]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal("11 1 3\n", output);
    }
}
