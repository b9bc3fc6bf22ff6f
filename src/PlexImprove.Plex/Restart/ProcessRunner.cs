using System.ComponentModel;
using System.Diagnostics;

namespace PlexImprove.Plex.Restart;

/// <summary>Runs commands for real, without a shell, and refuses to run <c>sudo</c> whatever asks for it.</summary>
public sealed class ProcessRunner : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (string.Equals(Path.GetFileName(fileName), "sudo", StringComparison.OrdinalIgnoreCase) || arguments.Contains("sudo"))
        {
            throw new InvalidOperationException("PlexImproveAgent never runs sudo.");
        }

        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"'{fileName}' did not start.");
        }
        catch (Win32Exception e)
        {
            return new ProcessResult(127, "", $"'{fileName}' cannot be run here: {e.Message}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return new ProcessResult(124, "", $"'{fileName}' did not finish within {timeout.TotalSeconds:0} s.");
            }

            return new ProcessResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
    }
}
