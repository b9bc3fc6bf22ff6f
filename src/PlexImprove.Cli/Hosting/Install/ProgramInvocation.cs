namespace PlexImprove.Cli.Hosting.Install;

/// <summary>How this process was started, so printed next steps can be typed as they are (<c>./plex-improve doctor</c>, <c>plex-improve doctor</c>).</summary>
public sealed class ProgramInvocation
{
    /// <summary>Set by the repository's launcher to the path it was started as.</summary>
    public const string LauncherVariable = "PLEXIMPROVE_LAUNCHER";

    public required ProgramKind Kind { get; init; }

    /// <summary>What to type to start the program again, before the command's own arguments.</summary>
    public required string Command { get; init; }

    /// <summary>The program file that runs (the launcher's build, the release binary, the tool's program).</summary>
    public required string ProgramPath { get; init; }

    /// <summary>This process's invocation.</summary>
    public static ProgramInvocation Current()
    {
        var processPath = Environment.ProcessPath ?? "";
        var programDir = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var throughDotnet = string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.OrdinalIgnoreCase);
        var dll = Path.Combine(programDir, "plex-improve.dll");
        if (Environment.GetEnvironmentVariable(LauncherVariable) is { Length: > 0 } launcher)
        {
            return new ProgramInvocation { Kind = ProgramKind.Launcher, Command = launcher, ProgramPath = throughDotnet ? dll : processPath };
        }

        if (throughDotnet)
        {
            return new ProgramInvocation { Kind = ProgramKind.Assembly, Command = $"dotnet {Quote(dll)}", ProgramPath = dll };
        }

        // A dotnet tool runs from the tools store; its shim on PATH carries the command name.
        var separator = Path.DirectorySeparatorChar;
        if (programDir.Contains($"{separator}.store{separator}", StringComparison.OrdinalIgnoreCase))
        {
            return new ProgramInvocation { Kind = ProgramKind.DotnetTool, Command = "plex-improve", ProgramPath = processPath };
        }

        return new ProgramInvocation { Kind = ProgramKind.Binary, Command = OnPath(processPath) ? "plex-improve" : Quote(processPath), ProgramPath = processPath };
    }

    /// <summary>How a person reads the kind.</summary>
    public string Describe() => Kind switch
    {
        ProgramKind.Launcher => "the repository's launcher",
        ProgramKind.DotnetTool => "the dotnet tool",
        ProgramKind.Binary => "the release binary",
        _ => "dotnet with the program's assembly",
    };

    private static bool OnPath(string program)
    {
        var folder = Path.GetDirectoryName(program);
        if (string.IsNullOrEmpty(folder))
        {
            return false;
        }

        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(p => string.Equals(Path.TrimEndingDirectorySeparator(p), folder, comparison));
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
