using System.Diagnostics;
using System.Text;

namespace PlexImprove.Loop.Tests.Support;

/// <summary>The built program in a child process, as a user starts it from a home folder with the project-local Python 2.7.</summary>
internal sealed class ProgramProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ProgramProcess(Process process)
    {
        _process = process;
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    /// <summary>What the program printed so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>plex-improve <paramref name="args"/></c> with <paramref name="home"/> as its home and working folder, with no input and no secrets.</summary>
    public static ProgramProcess Start(string home, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = home,
        };
        start.ArgumentList.Add(BuiltProgram.Dll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PLEXIMPROVE_HOME"] = home;
        start.Environment.Remove("PLEX_TOKEN");
        start.Environment.Remove("OPENAI_API_KEY");
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return new ProgramProcess(process);
    }

    /// <summary>A home folder's <c>.tools/python2.7</c>, linked to the repository's provisioned interpreter.</summary>
    public static void LinkPython(string home)
    {
        Directory.CreateDirectory(Path.Combine(home, ".tools"));
        File.CreateSymbolicLink(Path.Combine(home, ".tools", "python2.7"), Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7"));
    }

    /// <summary>Polls until <paramref name="condition"/> holds (true) or the process ends first (false); fails once <paramref name="patience"/> has passed.</summary>
    public async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan patience, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(patience);
        try
        {
            while (!condition())
            {
                if (_process.HasExited)
                {
                    return condition();
                }

                await Task.Delay(20, limit.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Not within {patience.TotalMinutes} min; the program printed:\n{Output}");
        }
    }

    /// <summary>Waits for the program to end by itself and returns its exit code; fails once <paramref name="patience"/> has passed.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(patience, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The program did not end within {patience.TotalMinutes} min; it printed:\n{Output}");
        }

        _process.WaitForExit(); // the output read to its end
        return _process.ExitCode;
    }

    /// <summary>Kills the program and every process it started, at once, as a power cut or <c>kill -9</c> would.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
