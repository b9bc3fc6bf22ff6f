using System.Diagnostics;
using PlexImprove.Cli.Hosting.Install;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>One way of starting a program for <c>bench startup</c>, with the environment it gets.</summary>
internal sealed class StartupProgram
{
    public StartupProgram(string label, string fileName, string[] prefix, Dictionary<string, string?> environment)
    {
        Label = label;
        FileName = fileName;
        Prefix = prefix;
        Environment = environment;
    }

    public string Label { get; }

    public string FileName { get; }

    public string[] Prefix { get; }

    /// <summary>Variables set for the child; a null value removes one inherited from this process.</summary>
    public Dictionary<string, string?> Environment { get; }

    /// <summary>This very program (as the launcher's build, <c>dotnet plex-improve.dll</c> or a published binary), pointed at the same home.</summary>
    public static StartupProgram Self(string homeDir)
    {
        var (program, prefix) = BenchMcpCommand.SelfCommand();
        var label = prefix.Length == 0 ? program : $"dotnet {Path.GetFileName(prefix[0])}";
        return new StartupProgram(label + " (this one)", program, prefix, new Dictionary<string, string?>
        {
            [InstallLayout.HomeVariable] = homeDir,
            [ProgramInvocation.LauncherVariable] = null,
        });
    }

    /// <summary>Another program, started as a user starts it: nothing inherited that says where plex-improve lives.</summary>
    public static StartupProgram External(string path) => new(path, Path.GetFullPath(path), [], new Dictionary<string, string?>
    {
        [InstallLayout.HomeVariable] = null,
        [ProgramInvocation.LauncherVariable] = null,
        ["DOTNET_TieredCompilation"] = null,
        ["DOTNET_TieredPGO"] = null,
    });

    /// <summary>Runs to the end with the output discarded; fails when the program does.</summary>
    public TimeSpan Run(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(FileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in Prefix.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var elapsed = watch.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{Label} {string.Join(' ', args)}' failed during the benchmark (exit code {process.ExitCode}): {errors.Result.Trim()}");
        }

        return elapsed;
    }
}
