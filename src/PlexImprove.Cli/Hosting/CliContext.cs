using Microsoft.Extensions.Configuration;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Cli.Hosting;

/// <summary>What every command gets: settings, secrets, the project root and the console streams.</summary>
public sealed class CliContext
{
    public required AppSettings Settings { get; init; }
    public required Secrets Secrets { get; init; }

    /// <summary>The folder holding appsettings.json and .env (the launcher sets it to the repository root).</summary>
    public required string HomeDir { get; init; }

    public TextWriter Out { get; init; } = Console.Out;
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Loads configuration from <paramref name="homeDir"/> in the documented order.</summary>
    public static CliContext Load(string homeDir)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(homeDir, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(homeDir, "appsettings.Local.json"), optional: true)
            .AddEnvironmentVariables("PLEXIMPROVE__")
            .Build();
        var settings = configuration.Get<AppSettings>() ?? new AppSettings();
        var dotEnvPath = Path.Combine(homeDir, ".env");
        var dotEnv = File.Exists(dotEnvPath)
            ? DotNetEnv.Env.NoEnvVars().Load(dotEnvPath).ToDictionary(StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new Secrets(dotEnv);

        // Before anything is read, sent or written: every redactor of the process masks these from now on.
        SecretRedactor.Remember([secrets.PlexToken, secrets.OpenAiApiKey, secrets.McpToken]);
        return new CliContext { Settings = settings, Secrets = secrets, HomeDir = homeDir };
    }
}
