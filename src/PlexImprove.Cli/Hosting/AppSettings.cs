namespace PlexImprove.Cli.Hosting;

/// <summary>
/// Everything configurable, bound from appsettings.json &lt; appsettings.Local.json &lt; environment
/// (<c>PLEXIMPROVE__Section__Key</c>) &lt; command-line options. Secrets are not here: see <see cref="Secrets"/>.
/// </summary>
public sealed class AppSettings
{
    public PlexSettings Plex { get; set; } = new();
    public Python27Settings Python27 { get; set; } = new();
    public RunSettings Run { get; set; } = new();
    public GateSettings Gate { get; set; } = new();
    public TestSettings Test { get; set; } = new();
    public McpSettings Mcp { get; set; } = new();
    public LoopSettings Loop { get; set; } = new();
    public NotifySettings Notify { get; set; } = new();
    public AgentSettings Agent { get; set; } = new();
    public LlmSettings Llm { get; set; } = new();
    public PlexImprove.Agent.Research.ResearchOptions Research { get; set; } = new();
}
