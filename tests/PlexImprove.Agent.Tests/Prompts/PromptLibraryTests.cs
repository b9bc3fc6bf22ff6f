using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Prompts;
using PlexImprove.Agent.Reflection;
using PlexImprove.Agent.Tools;
using PlexImprove.Core.Errors;
using Xunit;

namespace PlexImprove.Agent.Tests.Prompts;

public sealed class PromptLibraryTests
{
    private const string Digest = """
        # Plugin log digest

        | agent | sessions | success |
        |---|---|---|
        | com.plexapp.agents.example | 40 | 0.25 |

        Top signature `sig-403` (30 sessions): HTTPError: HTTP Error 403: Forbidden
        """;

    private static readonly string[] ShippedNames =
    [
        "phase1_log_aggregation", "phase2_diagnosis", "phase3_implementation",
        "phase4_active_testing", "phase5_post_mortem", "phase6_loop_coordination",
    ];

    internal static FixProposal SampleFix() => new()
    {
        Id = "example-browser-headers",
        Title = "Send browser-like headers to example.com",
        Agents = ["com.plexapp.agents.example"],
        RootCause = "The site answers 403 to requests without a browser User-Agent.",
        Evidence = [new FixEvidence { Kind = "signature", Ref = "sig-403", Excerpt = "HTTPError: HTTP Error 403: Forbidden" }],
        ExpectedVsObserved = new ExpectedVsObserved { Expected = "The result page.", Observed = "403.", DivergencePoint = "search()" },
        Patch = new ProposedPatch
        {
            Format = PatchFormatKind.Edits,
            Edits = [new PatchEdit { File = "Example.bundle/Contents/Code/__init__.py", Old = "HTML.ElementFromURL(url)", New = "HTML.ElementFromURL(url, headers=HEADERS)" }],
        },
        ExpectedResults = [new ExpectedResult { Metric = "http.403", Direction = ChangeDirection.Decrease, Target = 0, Note = "per 100 sessions" }],
        Priority = FixPriority.High,
        Confidence = 0.8,
    };

    internal static LessonBook SampleBook() => LessonBook.Parse("""
        ## diagnose

        - **DO** Pace requests when a fix unblocks a site. (id `diagnose-pace`, score 5, tags: http, 429)
          - evidence: iteration 1, fix example-browser-headers: http 429 per 100 sessions 0 → 37
        - **DON'T** Use names starting with an underscore. (id `diagnose-underscore`, score 3, tags: loader)
          - evidence: Plex Framework loader: refused at compile time

        ## test

        - **DO** Measure after the restart on the same items. (id `test-same-items`, score 4)
        """);

    /// <summary>Sample inputs for each shipped prompt, as the loop passes them.</summary>
    internal static Dictionary<string, object?> SampleVariables(string prompt) => prompt switch
    {
        "phase1_log_aggregation" => new() { ["digest"] = Digest, ["agents"] = new[] { "com.plexapp.agents.example" }, ["window"] = "2024-03-02 18:00 to 19:00" },
        "phase2_diagnosis" => new()
        {
            ["digest"] = Digest,
            ["agents"] = "com.plexapp.agents.example",
            ["iteration"] = 2,
            ["attempted"] = new[] { new AttemptedFix("example-timeout", "Longer timeout for example.com", ["com.plexapp.agents.example"], "rolled_back", "ab12") },
        },
        "phase3_implementation" => new() { ["fix"] = SampleFix(), ["failure"] = "Example.bundle/Contents/Code/__init__.py:12: \"_cache\" is an invalid variable name because it starts with \"_\"" },
        "phase4_active_testing" => new() { ["fix"] = SampleFix(), ["baseline"] = "success 10/40 (0.25); http.403 75 per 100 sessions", ["items"] = "101 Alien (1979)\n102 Heat (1995)" },
        "phase5_post_mortem" => new()
        {
            ["iteration"] = 1,
            ["outcomes"] = new[] { new InterventionOutcome { Fix = SampleFix(), Status = PlexImprove.Agent.Reflection.OutcomeStatus.Kept, SuccessBefore = 0.25, SuccessAfter = 0.85, NewSignatures = ["sig-429 HTTPError: HTTP Error 429"] } },
        },
        "phase6_loop_coordination" => new() { ["iteration"] = 1, ["state"] = "iteration 1: success 0.25 → 0.85; pending fixes: none" },
        _ => throw new ArgumentOutOfRangeException(nameof(prompt)),
    };

    private static PromptLibrary Shipped() => PromptLibrary.Load(PromptFixtures.ShippedPromptsDir());

    [Fact]
    public void Load_ShippedPrompts_AllSixLoadAndMapToTheirPhases()
    {
        var library = Shipped();

        Assert.Equal(ShippedNames, library.Prompts.Select(p => p.Name));
        Assert.Equal(Enum.GetValues<LessonPhase>(), library.Prompts.Select(p => p.LessonPhase!.Value));
        Assert.All(library.Prompts, p => Assert.NotEmpty(p.Tools));
        Assert.All(library.Prompts, p => Assert.All(p.Tools, t => Assert.Contains(t, ToolNames.All)));
    }

    [Fact]
    public void Accessors_ShippedPrompts_DeclareTheirOutputsToolsAndSettings()
    {
        var library = Shipped();

        Assert.Equal(PromptOutputs.DiagnosticReport, library.OutputOf("phase2_diagnosis"));
        Assert.Equal(PromptOutputs.LessonOperations, library.OutputOf("phase5_post_mortem"));
        Assert.DoesNotContain(library.ToolsOf("phase2_diagnosis"), ToolNames.Writers.Contains);
        Assert.Contains(ToolNames.FetchPage, library.ToolsOf("phase2_diagnosis"));
        Assert.Contains(ToolNames.ApplyPatch, library.ToolsOf("phase3_implementation"));
        Assert.NotNull(library.SettingsOf("phase2_diagnosis")?.ExtensionData?["max_tokens"]);
    }

    [Theory]
    [InlineData("phase1_log_aggregation", "aggregate")]
    [InlineData("phase2_diagnosis", "diagnose")]
    [InlineData("phase3_implementation", "implement")]
    [InlineData("phase4_active_testing", "test")]
    [InlineData("phase5_post_mortem", "postmortem")]
    [InlineData("phase6_loop_coordination", "coordinate")]
    public async Task RenderAsync_EachShippedPrompt_RendersItsInputsAndTheLessonsOfItsPhaseOnly(string name, string phase)
    {
        var library = Shipped();
        string[] phases = ["aggregate", "diagnose", "implement", "test", "postmortem", "coordinate"];
        var book = LessonBook.Parse(string.Concat(phases.Select(p => $"## {p}\n\n- **DO** Marker rule of the {p} phase. (id `{p}-marker`, score 2, tags: marker)\n\n")));

        var messages = library.RenderMessages(name, SampleVariables(name), book, TestContext.Current.CancellationToken);
        string text = await library.RenderAsync(name, SampleVariables(name), book, TestContext.Current.CancellationToken);

        Assert.Equal("system", messages[0].Role);
        Assert.Equal("user", messages[^1].Role);
        Assert.Contains("## " + LessonsSection.Heading, text, StringComparison.Ordinal);
        Assert.Contains($"Marker rule of the {phase} phase.", text, StringComparison.Ordinal);
        Assert.All(phases.Where(p => p != phase), p => Assert.DoesNotContain($"Marker rule of the {p} phase.", text, StringComparison.Ordinal));
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.StartsWith("<message role=\"system\">\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n</message>\n", text, StringComparison.Ordinal);
        Assert.Equal(messages.Count, text.Split("<message role=\"", StringSplitOptions.None).Length - 1);
    }

    [Fact]
    public async Task RenderAsync_Phase2_MatchesTheGoldenSnapshot()
    {
        string text = await Shipped().RenderAsync("phase2_diagnosis", SampleVariables("phase2_diagnosis"), SampleBook(), TestContext.Current.CancellationToken);

        string golden = Path.Combine(PromptFixtures.GoldenDir(), "phase2_diagnosis.rendered.txt");
        if (Environment.GetEnvironmentVariable("PLEXIMPROVE_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(PromptFixtures.GoldenDir());
            await File.WriteAllTextAsync(golden, text, TestContext.Current.CancellationToken);
        }

        Assert.Equal(await File.ReadAllTextAsync(golden, TestContext.Current.CancellationToken), text);
    }

    [Fact]
    public void RenderMessages_Lessons_TopRulesOfThePhaseByScore()
    {
        var rules = Enumerable.Range(1, 12)
            .Select(i => new LessonRule { Id = $"diagnose-r{i}", Phase = LessonPhase.Diagnose, Polarity = LessonPolarity.Do, Text = $"Rule number {i}.", Score = i })
            .Append(new LessonRule { Id = "test-other", Phase = LessonPhase.Test, Polarity = LessonPolarity.Do, Text = "A rule of another phase.", Score = 50 });
        var book = new LessonBook(rules);

        string system = Shipped().RenderMessages("phase2_diagnosis", new Dictionary<string, object?> { ["digest"] = Digest }, book, TestContext.Current.CancellationToken)[0].Content;

        int heading = system.IndexOf("## " + LessonsSection.Heading, StringComparison.Ordinal);
        Assert.True(heading >= 0);
        var positions = Enumerable.Range(3, 10).Reverse().Select(i => system.IndexOf($"(id diagnose-r{i}, score {i})", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > heading));
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain("diagnose-r2,", system, StringComparison.Ordinal);
        Assert.DoesNotContain("diagnose-r1,", system, StringComparison.Ordinal);
        Assert.DoesNotContain("A rule of another phase.", system, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMessages_EmptyBook_SaysNoLessonsYet()
    {
        string system = Shipped().RenderMessages("phase1_log_aggregation", new Dictionary<string, object?> { ["digest"] = Digest }, LessonBook.Empty, TestContext.Current.CancellationToken)[0].Content;

        Assert.Contains("## " + LessonsSection.Heading + "\n\nNo lessons recorded for this phase yet.", system, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMessages_MissingRequiredInput_NamesTheFileAndDeclarationLine()
    {
        var library = Shipped();

        var e = Assert.Throws<InvalidInputException>(() => library.RenderMessages("phase3_implementation", new Dictionary<string, object?>(), LessonBook.Empty, TestContext.Current.CancellationToken));

        string file = Path.Combine(PromptFixtures.ShippedPromptsDir(), "phase3_implementation.md");
        int line = File.ReadAllLines(file).ToList().IndexOf("  - name: fix") + 1;
        Assert.Equal($"{file}:{line}: the prompt 'phase3_implementation' needs the input 'fix' (The fix to implement (a FixProposal of the DiagnosticReport, with its patch and expected results)); none was given.", e.Message);
        Assert.Equal(FailureKind.BadInput, e.Kind);
    }

    [Fact]
    public void RenderMessages_UnknownInput_IsAnErrorListingTheInputs()
    {
        var e = Assert.Throws<InvalidInputException>(() =>
            Shipped().RenderMessages("phase6_loop_coordination", new Dictionary<string, object?> { ["state"] = "s", ["iteration"] = 1, ["stat"] = "typo" }, LessonBook.Empty, TestContext.Current.CancellationToken));

        Assert.EndsWith("phase6_loop_coordination.md:4: the prompt 'phase6_loop_coordination' has no input 'stat' (it takes: state, iteration, attempted, outcomes).", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownPrompt_ListsTheKnownOnes()
    {
        var e = Assert.Throws<InvalidInputException>(() => Shipped().Get("phase7"));

        Assert.StartsWith("There is no prompt named 'phase7' (known: phase1_log_aggregation, ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralBrokenFiles_ReportsEveryOneWithFileAndLine()
    {
        using var folder = new TempDirectory();
        folder.Write("sample.md", PromptFixtures.Valid);
        string badTool = folder.Write("tools.md", PromptFixtures.Valid.Replace("name: sample", "name: tools", StringComparison.Ordinal).Replace("read_agent_file]", "format_disk]", StringComparison.Ordinal));
        string badVariable = folder.Write("vars.md", PromptFixtures.Valid.Replace("name: sample", "name: vars", StringComparison.Ordinal).Replace("{{ digest }}", "{{ digets }}", StringComparison.Ordinal));

        var e = Assert.Throws<InvalidInputException>(() => PromptLibrary.Load(folder.Path));

        var lines = e.Message.Split('\n');
        Assert.Equal("2 prompt files are invalid:", lines[0]);
        Assert.StartsWith($"{badTool}:11: tool 'format_disk' does not exist", lines[1], StringComparison.Ordinal);
        Assert.Equal($"{badVariable}:19: the template uses 'digets' but input_variables does not declare it.", lines[2]);
    }

    [Fact]
    public void Load_ReadmeBesideThePrompts_IsNotAPrompt()
    {
        using var folder = new TempDirectory();
        folder.Write("sample.md", PromptFixtures.Valid);
        folder.Write("README.md", "# Our prompts\n\nNotes for people, not a prompt.\n");

        var library = PromptLibrary.Load(folder.Path);

        Assert.Equal(["sample"], library.Prompts.Select(p => p.Name));
    }

    [Fact]
    public void Load_MissingFolder_SaysWhichSettingToChange()
    {
        var e = Assert.Throws<InvalidInputException>(() => PromptLibrary.Load("/nonexistent/prompts"));

        Assert.Contains("Agent:PromptsDir", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedLessons_ParseWithRulesForEveryPhase()
    {
        var book = LessonBook.Load(PromptFixtures.ShippedLessons());

        Assert.All(Enum.GetValues<LessonPhase>(), phase => Assert.NotEmpty(book.Top(phase)));
        Assert.All(book.Rules, rule => Assert.NotEmpty(rule.Evidence));
        Assert.Equal(book.ToMarkdown().Trim(), LessonBook.Parse(book.ToMarkdown()).ToMarkdown().Trim());
    }

    [Fact]
    public void ShippedLessons_TeachThePlexLoaderRules()
    {
        string diagnose = string.Join('\n', LessonBook.Load(PromptFixtures.ShippedLessons()).Top(LessonPhase.Diagnose, 20).Select(r => r.Text));

        Assert.Contains("starts with \"_\"", diagnose, StringComparison.Ordinal);
        Assert.Contains("__file__", diagnose, StringComparison.Ordinal);
        Assert.Contains("x = x - 1", diagnose, StringComparison.Ordinal);
        Assert.Contains("sum, any, all", diagnose, StringComparison.Ordinal);
        string test = string.Join('\n', LessonBook.Load(PromptFixtures.ShippedLessons()).Top(LessonPhase.Test, 20).Select(r => r.Text));
        Assert.Contains("a cleared 403 often exposes a 429", test, StringComparison.Ordinal);
    }
}
