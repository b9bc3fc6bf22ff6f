namespace PlexImprove.Cli.Hosting.Install;

/// <summary>Every file and folder plex-improve reads or writes, and where each came from (for <c>doctor</c>).</summary>
public static class LayoutReport
{
    public static IReadOnlyList<LayoutEntry> Entries(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var layout = context.Layout;
        var home = layout.Installed ? "the program's folder" : "the repository (PLEXIMPROVE_HOME)";
        var entries = new List<LayoutEntry>();
        entries.AddRange(layout.SettingsFiles().Select(f => new LayoutEntry("settings", f.Path, Describe(f.Origin), f.Exists ? "loaded" : "not present", f.Exists)));
        entries.AddRange(layout.SecretFiles().Select(f => new LayoutEntry("secrets", f.Path, Describe(f.Origin), f.Exists ? "loaded (values never shown)" : "not present", f.Exists)));

        var prompts = AgentPaths.PromptsDir(context);
        var promptCount = Directory.Exists(prompts) ? Directory.EnumerateFiles(prompts, "*.md").Count() : 0;
        entries.Add(new LayoutEntry("prompts", prompts, Relative(context.Settings.Agent.PromptsDir, "Agent:PromptsDir", home),
            Directory.Exists(prompts) ? $"{promptCount} prompt(s)" : "missing", promptCount > 0));
        var lessons = AgentPaths.LessonsPath(context);
        entries.Add(new LayoutEntry("lessons", lessons, Relative(context.Settings.Agent.LessonsPath, "Agent:LessonsPath", home),
            File.Exists(lessons) ? "present" : "missing: an empty lesson book", File.Exists(lessons)));
        var seed = Path.GetFullPath(context.Settings.Loop.LessonsFile, context.HomeDir);
        entries.Add(new LayoutEntry("run lessons", seed, Relative(context.Settings.Loop.LessonsFile, "Loop:LessonsFile", home),
            File.Exists(seed) ? "present" : "missing: runs start with no lessons", File.Exists(seed)));

        var shim = Path.Combine(layout.ProgramDir, "python");
        entries.Add(new LayoutEntry("sandbox", shim, "beside the program", Directory.Exists(shim) ? "present" : "missing", Directory.Exists(shim)));
        var scenarios = Path.Combine(layout.ProgramDir, "scenarios");
        entries.Add(new LayoutEntry("scenarios", scenarios, "beside the program",
            Directory.Exists(scenarios) ? $"{Directory.EnumerateDirectories(scenarios).Count()} scenario(s)" : "missing", Directory.Exists(scenarios)));

        var tools = Path.Combine(layout.ToolsRoot, ".tools", "python2.7");
        entries.Add(new LayoutEntry("python tools", tools, layout.Installed ? "your data folder" : home,
            Directory.Exists(tools) ? "provisioned" : "not provisioned", Directory.Exists(tools)));
        var script = layout.ProvisionScript;
        entries.Add(new LayoutEntry("provisioning", script, home, File.Exists(script) ? "present" : "missing", File.Exists(script)));

        var work = ChangeServices.Work(context, null).FullPath;
        entries.Add(new LayoutEntry("work", work, Relative(context.Settings.Run.WorkDir, "Run:WorkDir", "the current folder"),
            Directory.Exists(work) ? "exists" : "created on first use", Directory.Exists(work)));
        return entries;
    }

    private static string Relative(string configured, string setting, string against) =>
        string.IsNullOrWhiteSpace(configured) || !Path.IsPathRooted(configured) ? $"{setting}, relative to {against}" : setting;

    private static string Describe(LayoutOrigin origin) => origin switch
    {
        LayoutOrigin.Repository => "the repository (PLEXIMPROVE_HOME)",
        LayoutOrigin.ProgramFolder => "the program's folder",
        LayoutOrigin.ConfigFolder => "your config folder",
        LayoutOrigin.CurrentFolder => "the current folder",
        LayoutOrigin.DataFolder => "your data folder",
        _ => "a setting",
    };
}
