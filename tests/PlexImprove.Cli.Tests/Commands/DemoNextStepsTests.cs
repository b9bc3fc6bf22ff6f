using System.Diagnostics;
using System.Runtime.Versioning;
using PlexImprove.Cli.Hosting;
using PlexImprove.Loop.State;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>
/// The real program in a child process, started through a launcher as a user would start it: a whole demo runs
/// uninterrupted, with the playbook, from the baseline to the target and leaves every file of a run; then every command
/// printed under "Next steps" is pasted into a shell in the same folder and must succeed as printed. This is the one
/// test that runs the whole demo straight through: the others that need a whole loop interrupt and resume it.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DemoNextStepsTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Demo_RaisesSuccessToTheTargetWithinTwoIterations_AndEveryPrintedNextStepRunsAsPrintedFromTheUsersShell()
    {
        using var home = new TempDirectory();
        Directory.CreateDirectory(home.File(".tools"));
        File.CreateSymbolicLink(home.File(".tools", "python2.7"), Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7"));
        File.Copy(Path.Combine(RepositoryPaths.Root(), "appsettings.json"), home.File("appsettings.json"));
        Directory.CreateDirectory(home.File("lessons"));
        File.Copy(Path.Combine(RepositoryPaths.Root(), "lessons", "lessons_learned.md"), home.File("lessons", "lessons_learned.md"));
        // What the launcher script does once it has built the program: name how it was started, then run it.
        home.Write("plex-improve", $"#!/usr/bin/env bash\nexport {LaunchDetection.LauncherVariable}=./plex-improve PLEXIMPROVE_HOME='{home.Path}'\nexec dotnet '{BuiltProgram.Dll()}' \"$@\"\n");
        File.SetUnixFileMode(home.File("plex-improve"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var demo = await ShellAsync(home, "./plex-improve demo --work run --brain playbook");
        Assert.True(demo.ExitCode == 0, $"demo exit {demo.ExitCode}\n{demo.Out}\n{demo.Error}");
        AssertReachedTheTarget(home.File("run"), $"{demo.Out}\n{demo.Error}");

        var steps = demo.Out[(demo.Out.IndexOf("Next steps:", StringComparison.Ordinal) + "Next steps:".Length)..]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, step => Assert.StartsWith("./plex-improve ", step, StringComparison.Ordinal));
        foreach (var step in steps)
        {
            var pasted = await ShellAsync(home, step);
            Assert.True(pasted.ExitCode == 0, $"'{step}' exited {pasted.ExitCode}\n{pasted.Out}\n{pasted.Error}");
        }
    }

    /// <summary>The playbook lifts the demo from its broken baseline to the target in at most two iterations, keeping a fix.</summary>
    private static void AssertReachedTheTarget(string work, string story)
    {
        var state = new LoopStateStore(work).Load()!;
        story += "\n" + File.ReadAllText(Path.Combine(work, "final_improvement_report.md"));
        Assert.Equal(LoopStatus.Finished, state.Status);
        Assert.True(state.Baseline!.Overall.Rate <= 0.30, story);
        Assert.True(state.Final!.Overall.Rate >= 0.85, story);
        Assert.True(state.History.Count <= 2, story);
        Assert.Contains(state.Fixes, f => f.Status == FixState.Kept);
        foreach (var file in new[] { "loop_state.json", "decision_log.json", "final_improvement_report.md", "success_per_iteration.svg", "lessons_learned.md",
                     "iteration_1/metrics.json", "iteration_1/aggregated_logs.md", "iteration_1/diagnostic_report.json", "iteration_1/diagnostic_report.md",
                     "iteration_1/implementation_log.json", "iteration_1/post_mortem_analysis.md", "iteration_1/post_mortem_analysis.json", "iteration_1/lessons_learned.md" })
        {
            Assert.True(File.Exists(Path.Combine(work, file)), file + "\n" + story);
        }
    }

    private static async Task<(int ExitCode, string Out, string Error)> ShellAsync(TempDirectory home, string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = home.Path, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.Environment.Remove("PLEX_TOKEN");
        start.Environment.Remove("OPENAI_API_KEY");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(RunTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
