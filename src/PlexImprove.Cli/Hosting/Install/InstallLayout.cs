namespace PlexImprove.Cli.Hosting.Install;

/// <summary>
/// Where plex-improve's shipped files and the user's own files are. Started from a repository (the launcher sets
/// <c>PLEXIMPROVE_HOME</c>), everything lives in the repository, as it always has. Installed (a release archive or the
/// dotnet tool), the shipped files sit beside the program, the user's settings and secrets in the user's config folder
/// or the current folder, and the provisioned Python 2.7 in the user's data folder: an install folder may be read-only.
/// </summary>
public sealed class InstallLayout
{
    /// <summary>Set by the repository's launcher: the repository root.</summary>
    public const string HomeVariable = "PLEXIMPROVE_HOME";

    /// <summary>Overrides the user's config folder (tests, portable set-ups).</summary>
    public const string ConfigDirVariable = "PLEXIMPROVE_CONFIG_DIR";

    /// <summary>Overrides the user's data folder, where Python 2.7 is provisioned for an installed program.</summary>
    public const string DataDirVariable = "PLEXIMPROVE_DATA_DIR";

    private const string AppFolderName = "plex-improve";

    /// <summary>The folder of the shipped files (<c>appsettings.json</c>, <c>prompts/</c>, <c>lessons/</c>, <c>scripts/</c>): the repository, or the program's own folder.</summary>
    public required string HomeDir { get; init; }

    /// <summary>True for a release binary or the dotnet tool; false when started from a repository.</summary>
    public required bool Installed { get; init; }

    /// <summary>The user's config folder (settings and <c>.env</c>); null when started from a repository or when the user has no home.</summary>
    public string? ConfigDir { get; init; }

    /// <summary>The folder the command runs in (the work folder and an installed program's <c>.env</c> are found there).</summary>
    public required string CurrentDir { get; init; }

    /// <summary>The folder whose <c>.tools/python2.7</c> holds the provisioned interpreter.</summary>
    public required string ToolsRoot { get; init; }

    /// <summary>The folder of the sandbox's Python files and scenarios: always beside the program.</summary>
    public string ProgramDir { get; init; } = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);

    /// <summary>The project's Python 2.7 provisioning script (Debian-like systems).</summary>
    public string ProvisionScript => Path.Combine(HomeDir, "scripts", "setup-python27.sh");

    /// <summary>The layout of this process: the repository when <c>PLEXIMPROVE_HOME</c> is set, else the installed one.</summary>
    public static InstallLayout FromEnvironment()
    {
        var current = Directory.GetCurrentDirectory();
        if (Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home)
        {
            return ForRepository(Path.GetFullPath(home), current);
        }

        var configDir = Override(ConfigDirVariable) ?? UserFolder(Environment.SpecialFolder.ApplicationData);
        var dataDir = Override(DataDirVariable) ?? UserFolder(Environment.SpecialFolder.LocalApplicationData) ?? configDir;
        var programDir = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        return new InstallLayout
        {
            HomeDir = programDir,
            Installed = true,
            ConfigDir = configDir,
            CurrentDir = current,
            ToolsRoot = dataDir ?? programDir,
            ProgramDir = programDir,
        };
    }

    /// <summary>Everything in one folder, as when the launcher starts the program from a repository.</summary>
    public static InstallLayout ForRepository(string homeDir, string? currentDir = null) => new()
    {
        HomeDir = homeDir,
        Installed = false,
        CurrentDir = currentDir ?? Directory.GetCurrentDirectory(),
        ToolsRoot = homeDir,
    };

    /// <summary>The settings files in the order they are read, a later one winning.</summary>
    public IReadOnlyList<LayoutFile> SettingsFiles()
    {
        var home = Installed ? LayoutOrigin.ProgramFolder : LayoutOrigin.Repository;
        var files = new List<LayoutFile>
        {
            new(Path.Combine(HomeDir, "appsettings.json"), home),
            new(Path.Combine(HomeDir, "appsettings.Local.json"), home),
        };
        if (ConfigDir is not null)
        {
            files.Add(new LayoutFile(Path.Combine(ConfigDir, "appsettings.json"), LayoutOrigin.ConfigFolder));
        }

        return Distinct(files);
    }

    /// <summary>The <c>.env</c> files in the order they are read, a later one winning for the same name.</summary>
    public IReadOnlyList<LayoutFile> SecretFiles()
    {
        if (!Installed)
        {
            return [new LayoutFile(Path.Combine(HomeDir, ".env"), LayoutOrigin.Repository)];
        }

        var files = new List<LayoutFile> { new(Path.Combine(HomeDir, ".env"), LayoutOrigin.ProgramFolder) };
        if (ConfigDir is not null)
        {
            files.Add(new LayoutFile(Path.Combine(ConfigDir, ".env"), LayoutOrigin.ConfigFolder));
        }

        files.Add(new LayoutFile(Path.Combine(CurrentDir, ".env"), LayoutOrigin.CurrentFolder));
        return Distinct(files);
    }

    private static List<LayoutFile> Distinct(List<LayoutFile> files) =>
        files.DistinctBy(f => f.Path, OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal).ToList();

    private static string? Override(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? Path.GetFullPath(value) : null;

    private static string? UserFolder(Environment.SpecialFolder folder) =>
        // DoNotVerify: the folder may not exist yet (a first start); it is still where the user's files belong.
        Environment.GetFolderPath(folder, Environment.SpecialFolderOption.DoNotVerify) is { Length: > 0 } path ? Path.Combine(path, AppFolderName) : null;
}
