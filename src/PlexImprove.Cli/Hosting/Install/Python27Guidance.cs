namespace PlexImprove.Cli.Hosting.Install;

/// <summary>
/// What to do on this machine when no Python 2.7 is found. Plex's own "Plex Script Host" is found by itself when Plex
/// runs here; otherwise the provisioning script on Debian-like systems, or an interpreter named in a setting.
/// </summary>
public static class Python27Guidance
{
    /// <summary>The "provision one" step for this installation and platform; null for a repository (its script's usual wording).</summary>
    public static string? ProvisionStep(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var layout = context.Layout;
        if (!layout.Installed)
        {
            return null;
        }

        var settingsFile = layout.ConfigDir is null ? "appsettings.Local.json beside the program" : Path.Combine(layout.ConfigDir, "appsettings.json");
        var setting = $"set Python27:Path in {settingsFile} ({{ \"Python27\": {{ \"Path\": \"…\" }} }})";
        if (OperatingSystem.IsWindows())
        {
            return $"install Python 2.7.18 from python.org (python-2.7.18.amd64.msi) and {setting.Replace("…", "C:\\\\Python27\\\\python.exe", StringComparison.Ordinal)};";
        }

        if (OperatingSystem.IsMacOS())
        {
            return $"install Python 2.7.18 (`pyenv install 2.7.18`, or python.org's macOS installer) and {setting};";
        }

        var target = Path.Combine(layout.ToolsRoot, ".tools", "python2.7");
        if (HasDebianTools() && File.Exists(layout.ProvisionScript))
        {
            var automatic = context.Settings.Python27.AutoProvision
                ? "plex-improve runs it itself on first use while Python27:AutoProvision is true"
                : "Python27:AutoProvision is false, so run it yourself";
            return $"run 'PLEXIMPROVE_TOOLS_ROOT=\"{layout.ToolsRoot}\" bash \"{layout.ProvisionScript}\"' to provision CPython 2.7.18 into {target} " +
                   $"(Debian-like systems, no root needed; {automatic});";
        }

        return $"this system has no apt-get/dpkg, so the provisioning script cannot run here: install Python 2.7 from your distribution " +
               $"(or `pyenv install 2.7.18`) and {setting};";
    }

    private static bool HasDebianTools() =>
        new[] { "apt-get", "dpkg" }.All(tool => (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, tool))));
}
