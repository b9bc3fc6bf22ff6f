using PlexImprove.Cli.Hosting.Install;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Python.Gate;
using PlexImprove.Python.Runtime;

namespace PlexImprove.Cli.Hosting;

/// <summary>Builds what the change commands share from configuration and options: the Python 2.7 runtime, the gate, the Plug-ins root and the work folder.</summary>
public static class ChangeServices
{
    /// <summary>Where interpreter discovery looks, from <c>Python27:Path</c> / <c>Python27:Home</c> and the project folder.</summary>
    public static Python27LocatorOptions LocatorOptions(CliContext context)
    {
        var configured = context.Settings.Python27.Path;
        return new Python27LocatorOptions
        {
            ConfiguredPath = string.IsNullOrWhiteSpace(configured) ? null : Path.GetFullPath(configured, context.HomeDir),
            ConfiguredHome = string.IsNullOrWhiteSpace(context.Settings.Python27.Home) ? null : Path.GetFullPath(context.Settings.Python27.Home, context.HomeDir),
            ProjectRoot = context.Layout.ToolsRoot,
            ProvisionStep = Python27Guidance.ProvisionStep(context),
        };
    }

    /// <summary>
    /// The Python 2.7 interpreter to use, provisioned on first use unless <c>Python27:AutoProvision</c> is false
    /// (exit code 2 with guidance when there is none).
    /// </summary>
    public static Task<Python27Runtime> LocatePythonAsync(CliContext context, CancellationToken cancellationToken) =>
        new Python27Provisioner(context.HomeDir, context.Settings.Python27.AutoProvision, context.Error, context.Layout.ToolsRoot)
            .LocateAsync(new Python27Locator(LocatorOptions(context)), cancellationToken);

    /// <summary>The gate over that interpreter, with <c>Gate:Processes</c> and <c>Gate:TimeoutSeconds</c>.</summary>
    public static Python27CodeGate CreateGate(CliContext context, Python27Runtime runtime, int? processes = null) =>
        new(runtime, new Python27CodeGateOptions
        {
            MaxProcesses = processes ?? context.Settings.Gate.Processes,
            Timeout = TimeSpan.FromSeconds(Math.Max(5, context.Settings.Gate.TimeoutSeconds)),
        });

    /// <summary>The Plug-ins folder: the option, else <c>Plex:PluginsDir</c>, else the operating system's default.</summary>
    public static string PluginsDir(CliContext context, string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Path.GetFullPath(option);
        }

        if (!string.IsNullOrWhiteSpace(context.Settings.Plex.PluginsDir))
        {
            return Path.GetFullPath(context.Settings.Plex.PluginsDir, context.HomeDir);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return PluginsFolderLocations.DefaultPluginsDir(home, Environment.GetEnvironmentVariable("LOCALAPPDATA"));
    }

    /// <summary>The work folder: the option, else <c>Run:WorkDir</c> (relative to the current folder).</summary>
    public static WorkFolder Work(CliContext context, string? option) =>
        new(!string.IsNullOrWhiteSpace(option) ? option : string.IsNullOrWhiteSpace(context.Settings.Run.WorkDir) ? "work" : context.Settings.Run.WorkDir);
}
