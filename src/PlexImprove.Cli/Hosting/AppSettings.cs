namespace PlexImprove.Cli.Hosting;

/// <summary>
/// Everything configurable, bound from appsettings.json &lt; appsettings.Local.json &lt; environment
/// (<c>PLEXIMPROVE__Section__Key</c>) &lt; command-line options. Secrets are not here: see <see cref="Secrets"/>.
/// </summary>
public sealed class AppSettings
{
    public PlexSettings Plex { get; init; } = new();
    public Python27Settings Python27 { get; init; } = new();
    public RunSettings Run { get; init; } = new();
    public GateSettings Gate { get; init; } = new();
    public TestSettings Test { get; init; } = new();
    public McpSettings Mcp { get; init; } = new();
    public LoopSettings Loop { get; init; } = new();
    public NotifySettings Notify { get; init; } = new();
    public AgentSettings Agent { get; init; } = new();
    public LlmSettings Llm { get; init; } = new();
    public PlexImprove.Agent.Research.ResearchOptions Research { get; init; } = new();
}
