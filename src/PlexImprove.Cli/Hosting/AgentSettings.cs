namespace PlexImprove.Cli.Hosting;

/// <summary>Where the agent host finds its phase prompts and lessons (section <c>Agent</c>).</summary>
public sealed class AgentSettings
{
    /// <summary>The folder of the phase prompts (<c>*.md</c>). Default: <c>prompts</c> under the home folder.</summary>
    public string PromptsDir { get; set; } = "";

    /// <summary>The lessons file. Default: <c>lessons/lessons_learned.md</c> under the home folder.</summary>
    public string LessonsPath { get; set; } = "";

    /// <summary>How many of a phase's best rules each prompt shows. Default 10.</summary>
    public int LessonsPerPrompt { get; set; } = 10;

    /// <summary>Hosts <c>fetch_page</c> and <c>test_xpath</c> may fetch besides the sites the agents' code names.</summary>
    public List<string> SiteHosts { get; set; } = [];
}
