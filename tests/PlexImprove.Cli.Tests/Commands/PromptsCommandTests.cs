using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary><c>prompts list|show|render</c> in a real child process, on the shipped prompts and lessons copied into a clean home.</summary>
public sealed class PromptsCommandTests
{
    private static TempDirectory HomeWithShippedPrompts()
    {
        var home = new TempDirectory();
        string root = RepositoryPaths.Root();
        Directory.CreateDirectory(home.File("prompts"));
        foreach (var file in Directory.GetFiles(Path.Combine(root, "prompts"), "*.md"))
        {
            File.Copy(file, Path.Combine(home.File("prompts"), Path.GetFileName(file)));
        }

        Directory.CreateDirectory(home.File("lessons"));
        File.Copy(Path.Combine(root, "lessons", "lessons_learned.md"), home.File(Path.Combine("lessons", "lessons_learned.md")));
        return home;
    }

    [Fact]
    public async Task Render_WithVarsAndFile_PrintsTheMessagesWithTheLessons()
    {
        using var home = HomeWithShippedPrompts();
        File.WriteAllText(home.File("digest.md"), "# Digest\n\nsig-403 HTTPError: HTTP Error 403: Forbidden (30 sessions)\n");
        File.WriteAllText(home.File("vars.json"), """{ "agents": ["com.plexapp.agents.example"], "iteration": 3 }""");

        var result = await CliRunner.RunAsync(home.Path, "prompts", "render", "phase2_diagnosis", "--var", "digest=@" + home.File("digest.md"), "--vars", home.File("vars.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("<message role=\"system\">\nYou are the diagnostician of PlexImproveAgent", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("## Lessons from earlier iterations", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("(id diagnose-no-underscore-names, score 4)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Iteration 3.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Diagnose these agents: [\n  \"com.plexapp.agents.example\"\n]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("sig-403 HTTPError: HTTP Error 403: Forbidden (30 sessions)\n</message>\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Render_Json_PrintsRoleAndContentOfEachMessage()
    {
        using var home = HomeWithShippedPrompts();

        var result = await CliRunner.RunAsync(home.Path, "prompts", "render", "phase6_loop_coordination", "--var", "state=iteration 1: success 0.25 to 0.85", "--var", "iteration=1", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var messages = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("DECISION: REDIAGNOSE", messages[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("iteration 1: success 0.25 to 0.85", messages[1].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_MissingRequiredInput_ExitsTwoNamingFileAndLine()
    {
        using var home = HomeWithShippedPrompts();

        var result = await CliRunner.RunAsync(home.Path, "prompts", "render", "phase2_diagnosis");

        Assert.Equal(2, result.ExitCode);
        string file = Path.Combine(home.Path, "prompts", "phase2_diagnosis.md");
        Assert.StartsWith($"error: {file}:5: the prompt 'phase2_diagnosis' needs the input 'digest'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Render_BrokenPromptFile_ExitsTwoNamingFileAndLine()
    {
        using var home = HomeWithShippedPrompts();
        string file = home.File(Path.Combine("prompts", "phase4_active_testing.md"));
        var lines = File.ReadAllLines(file).ToList();
        int user = lines.IndexOf("<message role=\"user\">");
        lines.Insert(user + 1, "{{ if fix }}unterminated");
        File.WriteAllLines(file, lines);

        var result = await CliRunner.RunAsync(home.Path, "prompts", "render", "phase1_log_aggregation", "--var", "digest=d");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {file}:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("template error", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ShowsTheSixPromptsFromTheConfiguredFolder()
    {
        using var home = new TempDirectory();
        var environment = new Dictionary<string, string> { ["PLEXIMPROVE__Agent__PromptsDir"] = Path.Combine(RepositoryPaths.Root(), "prompts") };

        var result = await CliRunner.RunAsync(home.Path, environment, "prompts", "list");

        Assert.Equal(0, result.ExitCode);
        var names = result.Stdout.Split('\n').Where(l => l.StartsWith("phase", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]);
        Assert.Equal(["phase1_log_aggregation", "phase2_diagnosis", "phase3_implementation", "phase4_active_testing", "phase5_post_mortem", "phase6_loop_coordination"], names);
        Assert.Contains("phase2_diagnosis  (output: DiagnosticReport, lessons: diagnose)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownPrompt_ExitsTwoListingTheKnownOnes()
    {
        using var home = HomeWithShippedPrompts();

        var result = await CliRunner.RunAsync(home.Path, "prompts", "show", "phase9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("There is no prompt named 'phase9' (known: phase1_log_aggregation,", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_MalformedVar_ExitsTwo()
    {
        using var home = HomeWithShippedPrompts();

        var result = await CliRunner.RunAsync(home.Path, "prompts", "render", "phase1_log_aggregation", "--var", "digest");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--var 'digest' must read name=value", result.Stderr, StringComparison.Ordinal);
    }
}
