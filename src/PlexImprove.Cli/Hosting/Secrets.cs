namespace PlexImprove.Cli.Hosting;

/// <summary>
/// Secrets come only from the environment or a <c>.env</c> file, never from appsettings or options, and are
/// never printed or stored. A value in <c>.env</c> wins over the process environment.
/// </summary>
public sealed class Secrets
{
    private readonly IReadOnlyDictionary<string, string> _dotEnv;

    public Secrets(IReadOnlyDictionary<string, string> dotEnv) => _dotEnv = dotEnv;

    /// <summary>The Plex token (<c>PLEX_TOKEN</c>), or null.</summary>
    public string? PlexToken => Get("PLEX_TOKEN");

    /// <summary>The LLM API key (<c>OPENAI_API_KEY</c>), or null.</summary>
    public string? OpenAiApiKey => Get("OPENAI_API_KEY");

    /// <summary>The bearer token MCP clients must send over HTTP (<c>MCP_TOKEN</c>), or null.</summary>
    public string? McpToken => Get("MCP_TOKEN");

    /// <summary>A secret by its name (a research server's <c>SecretEnv</c> or <c>HeaderSecrets</c>), or null when unset.</summary>
    public string? Named(string name) => Get(name);

    private string? Get(string name)
    {
        var value = _dotEnv.TryGetValue(name, out var fromFile) ? fromFile : Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
