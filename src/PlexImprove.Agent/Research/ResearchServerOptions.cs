namespace PlexImprove.Agent.Research;

/// <summary>
/// One MCP server whose tools the agent may call while it researches (<c>Research:Servers</c>). Secrets are named,
/// never written here: <see cref="SecretEnv"/> and <see cref="HeaderSecrets"/> take their values from the
/// environment or <c>.env</c> when the server is started.
/// </summary>
public sealed class ResearchServerOptions
{
    /// <summary>The server's name; its tools reach the model as <c>&lt;name&gt;_&lt;tool&gt;</c>. Letters, digits, <c>_</c> and <c>-</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>stdio</c> (a command the agent starts) or <c>http</c> (a Streamable HTTP URL). Default <c>stdio</c>.</summary>
    public string Transport { get; set; } = ResearchTransports.Stdio;

    /// <summary>stdio: the program to start, e.g. <c>npx</c>.</summary>
    public string? Command { get; set; }

    /// <summary>stdio: its arguments.</summary>
    public List<string> Args { get; set; } = [];

    /// <summary>stdio: plain (not secret) environment variables for the server.</summary>
    public Dictionary<string, string> Env { get; set; } = [];

    /// <summary>stdio: names of environment variables whose values are taken from this process's environment or <c>.env</c>.</summary>
    public List<string> SecretEnv { get; set; } = [];

    /// <summary>http: the endpoint, e.g. <c>https://mcp.context7.com/mcp</c>.</summary>
    public string? Url { get; set; }

    /// <summary>http: plain (not secret) request headers.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>http: header name → name of the secret (environment or <c>.env</c>) holding its value; <c>Authorization</c> gets <c>Bearer </c> in front.</summary>
    public Dictionary<string, string> HeaderSecrets { get; set; } = [];

    /// <summary>Tools to attach, by the server's own names. Empty (the default): every tool not annotated destructive. A destructive tool is attached only when named here.</summary>
    public List<string> Tools { get; set; } = [];

    /// <summary>Where the tools are offered: <c>diagnose</c>, <c>chat</c>, <c>postmortem</c>. Default: <c>diagnose</c> and <c>chat</c>.</summary>
    public List<string> Phases { get; set; } = [];

    /// <summary>Longest wait for one tool call, in seconds. Default 60.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Longest wait for the server to start and list its tools, in seconds. Default 30.</summary>
    public int StartTimeoutSeconds { get; set; } = 30;
}
