using System.Diagnostics;
using PlexImprove.Python.Runtime;

namespace PlexImprove.Cli.Hosting;

/// <summary>
/// Python 2.7 on demand: when no interpreter is found, runs the project's own <c>scripts/setup-python27.sh</c>
/// (which installs a project-local CPython 2.7 under <c>.tools/python2.7</c>) with a progress line, then looks
/// again. One place, so every command that needs the interpreter benefits. Off with <c>Python27:AutoProvision=false</c>.
/// </summary>
public sealed class Python27Provisioner
{
    /// <summary>The script, relative to the project folder.</summary>
    public const string ScriptPath = "scripts/setup-python27.sh";

    /// <summary>Tells the script where to put <c>.tools/python2.7</c> when that is not beside the script.</summary>
    public const string ToolsRootVariable = "PLEXIMPROVE_TOOLS_ROOT";

    private readonly string _projectRoot;
    private readonly string _toolsRoot;
    private readonly bool _enabled;
    private readonly TextWriter _progress;

    /// <param name="projectRoot">The folder holding <see cref="ScriptPath"/>: the repository, or an installed program's folder.</param>
    /// <param name="enabled"><c>Python27:AutoProvision</c>.</param>
    /// <param name="progress">Where the progress line and the script's output go (stderr).</param>
    /// <param name="toolsRoot">The folder whose <c>.tools/</c> receives the interpreter (default: <paramref name="projectRoot"/>; an installed program's folder may be read-only).</param>
    public Python27Provisioner(string projectRoot, bool enabled, TextWriter progress, string? toolsRoot = null)
    {
        _projectRoot = projectRoot;
        _toolsRoot = toolsRoot ?? projectRoot;
        _enabled = enabled;
        _progress = progress;
    }

    /// <summary>The interpreter the locator finds, provisioning it first when there is none and provisioning is possible.</summary>
    /// <exception cref="Python27NotFoundException">None found and provisioning is off, impossible here, or failed (the message says which).</exception>
    public async Task<Python27Runtime> LocateAsync(Python27Locator locator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locator);
        try
        {
            return await locator.LocateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Python27NotFoundException notFound)
        {
            var script = Path.Combine([_projectRoot, .. ScriptPath.Split('/')]);
            if (!_enabled || !File.Exists(script) || OperatingSystem.IsWindows())
            {
                throw;
            }

            await _progress.WriteLineAsync($"No Python 2.7 interpreter found: provisioning the project-local one with {ScriptPath} into {Path.Combine(_toolsRoot, ".tools", "python2.7")} (first use, about a minute)…").ConfigureAwait(false);
            var (exitCode, lastLine) = await RunScriptAsync(script, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new Python27NotFoundException(
                    $"Provisioning Python 2.7 with {ScriptPath} failed (exit code {exitCode}): {lastLine} " +
                    "Fix that and run the script yourself, or point Python27:Path at a Python 2.7 interpreter. " + notFound.Message,
                    notFound.Candidates);
            }

            return await locator.LocateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(int ExitCode, string LastLine)> RunScriptAsync(string script, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_toolsRoot);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _toolsRoot };
        start.Environment[ToolsRootVariable] = _toolsRoot;
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
        string last = "";
        var gate = new object();
        async Task PumpAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lock (gate)
                {
                    _progress.WriteLine("  " + line);
                    if (line.Trim().Length > 0)
                    {
                        last = line.Trim();
                    }
                }
            }
        }

        try
        {
            await Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError), process.WaitForExitAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, last);
    }
}
