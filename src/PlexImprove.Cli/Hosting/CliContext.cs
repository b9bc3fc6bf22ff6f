using Microsoft.Extensions.Configuration;
using PlexImprove.Cli.Hosting.Install;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Cli.Hosting;

/// <summary>What every command gets: settings, secrets, where files are, and the console streams.</summary>
public sealed class CliContext
{
    private readonly InstallLayout? _layout;

    public required AppSettings Settings { get; init; }
    public required Secrets Secrets { get; init; }

    /// <summary>The folder of the shipped files (appsettings.json, prompts, lessons): the repository, or an installed program's own folder.</summary>
    public required string HomeDir { get; init; }

    /// <summary>Where every file is read from (defaults to everything in <see cref="HomeDir"/>, as in a repository).</summary>
    public InstallLayout Layout { get => _layout ?? InstallLayout.ForRepository(HomeDir); init => _layout = value; }

    public TextWriter Out { get; init; } = Console.Out;
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Loads configuration from <paramref name="homeDir"/> in the documented order, as from a repository.</summary>
    public static CliContext Load(string homeDir) => Load(InstallLayout.ForRepository(homeDir));

    /// <summary>Loads the settings files and <c>.env</c> files of <paramref name="layout"/>, later ones winning, then the environment.</summary>
    public static CliContext Load(InstallLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var builder = new ConfigurationBuilder();
        foreach (var file in layout.SettingsFiles())
        {
            builder.AddJsonFile(file.Path, optional: true);
        }

        var configuration = builder.AddEnvironmentVariables("PLEXIMPROVE__").Build();
        AppSettings settings;
        try
        {
            settings = configuration.Get<AppSettings>() ?? new AppSettings();
        }
        catch (InvalidOperationException e)
        {
            // A value of the wrong type ("Test:FailedItems": "abc"): the binder names the key and the type expected.
            throw new InvalidDataException(e.Message, e);
        }

        var dotEnv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in layout.SecretFiles().Where(f => f.Exists))
        {
            foreach (var (name, value) in DotNetEnv.Env.NoEnvVars().Load(file.Path))
            {
                dotEnv[name] = value;
            }
        }

        var secrets = new Secrets(dotEnv);

        // Before anything is read, sent or written: every redactor of the process masks these from now on.
        SecretRedactor.Remember([secrets.PlexToken, secrets.OpenAiApiKey, secrets.McpToken]);
        return new CliContext { Settings = settings, Secrets = secrets, HomeDir = layout.HomeDir, Layout = layout };
    }
}
