using System.Diagnostics;
using System.Text;

namespace PlexImprove.Python.Runtime;

/// <summary>Runs a process to completion with stdin fed and stdout/stderr collected, killing its whole tree on timeout or cancellation.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="startInfo"/>, writes <paramref name="input"/> (UTF-8) to stdin and waits.</summary>
    /// <exception cref="TimeoutException">The process ran longer than <paramref name="timeout"/> (it was killed).</exception>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo startInfo, string? input, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        using var process = new Process { StartInfo = startInfo };
        process.Start();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeoutSource.Token);
            if (input is not null)
            {
                var bytes = new UTF8Encoding(false).GetBytes(input);
                try
                {
                    await process.StandardInput.BaseStream.WriteAsync(bytes, timeoutSource.Token).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // The process exited before reading its input; its exit code and stderr tell why.
                }
            }

            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Same: already gone.
            }

            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
            return new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"'{startInfo.FileName}' did not finish within {timeout.TotalSeconds:0} s and was stopped.");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in between.
        }
    }
}
