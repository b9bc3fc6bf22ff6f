using System.Diagnostics;
using PlexImprove.Cli.Tests.TestSupport;
using PlexImprove.Testing;

namespace PlexImprove.Cli.Tests.Install;

/// <summary>
/// A machine as a user of the release archive has it: a home with no plex-improve settings, a PATH without the .NET SDK,
/// no repository, an empty current folder, and Python 2.7 where plex-improve provisions it (the user's data folder;
/// linked here to the interpreter this repository already provisioned instead of downloading it again).
/// </summary>
internal sealed class InstalledMachine : IDisposable
{
    private readonly TempDirectory _root = new();

    public InstalledMachine()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(CurrentDir);
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Path.Combine(DataDir, ".tools"));
        Directory.CreateSymbolicLink(Path.Combine(DataDir, ".tools", "python2.7"), Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7"));
        foreach (var tool in new[] { "bash", "sh" })
        {
            File.CreateSymbolicLink(Path.Combine(Bin, tool), Path.Combine("/bin", tool));
        }
    }

    public string Home => _root.File("home");

    public string CurrentDir => _root.File("here");

    public string DataDir => _root.File("home/.local/share/plex-improve");

    private string Bin => _root.File("bin");

    /// <summary>The start of <paramref name="program"/> with this machine's environment and nothing inherited that points at .NET or the repository.</summary>
    public ProcessStartInfo StartInfo(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = CurrentDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("DOTNET", StringComparison.OrdinalIgnoreCase) || name.StartsWith("PLEXIMPROVE", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("NUGET", StringComparison.OrdinalIgnoreCase) || name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) ||
                name is "PLEX_TOKEN" or "OPENAI_API_KEY" or "MCP_TOKEN" or "XDG_CONFIG_HOME" or "XDG_DATA_HOME")
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["HOME"] = Home;
        start.Environment["PATH"] = Bin;
        start.Environment["PLEXIMPROVE_DATA_DIR"] = DataDir;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Runs <paramref name="program"/> to its end.</summary>
    public async Task<CliResult> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(program, args, environment))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not end within {timeout}: {await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _root.Dispose();
}
