using PlexImprove.Core.Commands;

namespace PlexImprove.Cli.Hosting;

/// <summary>
/// How the user started the program, so the commands it prints start the same way. The <c>plex-improve</c> launcher
/// script exports <see cref="LauncherVariable"/>: <c>plex-improve</c> when the shell finds it on PATH, else the path
/// the user typed (<c>./plex-improve</c>). A program started without the launcher is named by its installed name.
/// </summary>
public sealed class LaunchDetection
{
    /// <summary>Set by the launcher script to the way it was invoked.</summary>
    public const string LauncherVariable = Install.ProgramInvocation.LauncherVariable;

    private readonly Func<string, string?> _environment;

    public LaunchDetection(Func<string, string?> environment) => _environment = environment;

    /// <summary>The first word of a printed command, unquoted.</summary>
    public string Invocation() =>
        _environment(LauncherVariable) is { Length: > 0 } launcher ? launcher : PrintedCommand.InstalledName;

    /// <summary>
    /// Detects the invocation of this process (the launcher, a dotnet tool, a release binary; see
    /// <see cref="Install.ProgramInvocation"/>) and makes every printed command use it.
    /// </summary>
    public static void Apply()
    {
        // Started as "dotnet plex-improve.dll" (a build run by hand or by tests): the installed name reads best.
        var invocation = Install.ProgramInvocation.Current();
        PrintedCommand.UseProgram(invocation.Kind == Install.ProgramKind.Assembly
            ? new LaunchDetection(Environment.GetEnvironmentVariable).Invocation()
            : invocation.Command);
    }
}
