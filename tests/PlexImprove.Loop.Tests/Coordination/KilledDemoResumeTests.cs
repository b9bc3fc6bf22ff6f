using System.Diagnostics;
using System.Text.Json;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;

namespace PlexImprove.Loop.Tests.Coordination;

/// <summary>
/// The real program in a child process: <c>demo</c> is killed hard (the whole process tree) once a fix is applied but
/// not yet tested, then <c>demo --resume</c> finishes the run.
/// </summary>
public sealed class KilledDemoResumeTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task DemoKilledWithAFixAppliedButNotTested_ResumesToTheEnd_WithNoCorruptFileNoLostDecisionAndNoPluginLeft()
    {
        using var home = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(home.Path, ".tools"));
        File.CreateSymbolicLink(Path.Combine(home.Path, ".tools", "python2.7"), Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7"));
        string work = Path.Combine(home.Path, "run");
        var store = new LoopStateStore(work);
        var ct = TestContext.Current.CancellationToken;

        using (var first = Start(home.Path, "demo", "--work", work, "--brain", "playbook"))
        {
            var (applied, output) = await WaitForAsync(first, () => TryLoad(store) is { CurrentFix: not null, CurrentStep: FixStep.Applied or FixStep.Restarted }, ct);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(ct);
            Assert.True(applied, "The run ended before a fix was applied:\n" + output);
        }

        foreach (var file in Directory.EnumerateFiles(work, "*.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        }

        var killed = store.Load()!;
        string fixInFlight = killed.CurrentFix!;
        var decisionsBefore = store.LoadDecisions().Decisions.Select(d => (d.Phase, d.What, d.FixId, d.Rationale)).ToList();
        Assert.Equal(FixState.Pending, killed.Fixes.Single(f => f.Id == fixInFlight).Status);

        using (var resumed = Start(home.Path, "demo", "--resume", "--work", work))
        {
            var stderr = resumed.StandardError.ReadToEndAsync(ct);
            var stdout = resumed.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(RunTimeout);
            await resumed.WaitForExitAsync(timeout.Token);
            Assert.True(resumed.ExitCode == 0, $"exit {resumed.ExitCode}\n{await stdout}\n{await stderr}");
        }

        var final = store.Load()!;
        Assert.Equal(LoopStatus.Finished, final.Status);
        Assert.Contains(final.Fixes.Single(f => f.Id == fixInFlight).Status, new[] { FixState.Kept, FixState.Monitor, FixState.RolledBack });
        Assert.True(File.Exists(Path.Combine(work, $"iteration_{killed.Iteration}", $"test_report_{fixInFlight}.json")));
        var decisionsAfter = store.LoadDecisions().Decisions.Select(d => (d.Phase, d.What, d.FixId, d.Rationale)).ToList();
        Assert.Equal(decisionsBefore, decisionsAfter.Take(decisionsBefore.Count));
        Assert.Contains(decisionsAfter.Skip(decisionsBefore.Count), d => d.Phase == "resume");
        foreach (var file in Directory.EnumerateFiles(work, "*.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        }

        Assert.True(await NoPythonLeftAsync(work, ct), "Python processes of the sandbox are still running: " + string.Join(", ", PythonProcessesUnder(work)));
    }

    private static Process Start(string home, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = home,
        };
        start.ArgumentList.Add(CliDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PLEXIMPROVE_HOME"] = home;
        start.Environment.Remove("PLEX_TOKEN");
        start.Environment.Remove("OPENAI_API_KEY");
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Polls until <paramref name="condition"/> holds (true) or the process ends first (false); also returns its error output.</summary>
    private static async Task<(bool Met, string Errors)> WaitForAsync(Process process, Func<bool> condition, CancellationToken ct)
    {
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < RunTimeout)
        {
            if (condition())
            {
                return (true, "");
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(20, ct);
        }

        lock (stderr)
        {
            return (condition(), stderr.ToString());
        }
    }

    private static LoopState? TryLoad(LoopStateStore store)
    {
        try
        {
            return store.Load();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The plug-in processes end when their stdin closes; give them a little while.</summary>
    private static async Task<bool> NoPythonLeftAsync(string work, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        while (PythonProcessesUnder(work).Count > 0)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                return false;
            }

            await Task.Delay(100, ct);
        }

        return true;
    }

    private static List<int> PythonProcessesUnder(string work)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }

            try
            {
                string cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                string cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget ?? "";
                if (cmdline.Contains("python", StringComparison.OrdinalIgnoreCase) && (cmdline.Contains(work, StringComparison.Ordinal) || cwd.StartsWith(work, StringComparison.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was looked at, or belongs to another user.
            }
        }

        return found;
    }

    /// <summary>The built <c>plex-improve.dll</c>, in the same configuration and framework as this test assembly.</summary>
    private static string CliDll()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = framework.Parent!.Name;
        var dll = Path.Combine(RepositoryPaths.Root(), "src", "PlexImprove.Cli", "bin", configuration, framework.Name, "plex-improve.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} was not built.");
    }
}
