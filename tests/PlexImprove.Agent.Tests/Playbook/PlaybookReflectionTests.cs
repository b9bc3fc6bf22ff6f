using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Reflection;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>Phase 5 by rule: lessons only from measured outcomes, with general texts.</summary>
public sealed class PlaybookReflectionTests
{
    [Fact]
    public async Task AFixAfterWhichRateLimitsRose_AddsADoPacingLessonForDiagnosis_WithTheMeasuredDelta()
    {
        var outcome = Outcome("http-403-headers-films", OutcomeStatus.Kept, rose: new() { ["429"] = (0, 37.5) });

        var operations = await new PlaybookBrain().ReflectAsync(Request(LessonBook.Empty, outcome), TestContext.Current.CancellationToken);

        var add = Assert.Single(operations);
        Assert.Equal((LessonOperationKind.Add, LessonPhase.Diagnose, LessonPolarity.Do), (add.Kind, add.Phase!.Value, add.Polarity!.Value));
        Assert.Contains("pacing", add.Tags);
        Assert.Equal("http 429 per 100 sessions 0 → 37.5", add.Evidence.Delta);
        Assert.DoesNotContain("films", add.Text!, StringComparison.OrdinalIgnoreCase);

        // The lesson, once in the book, is what makes the 403 rule pace (see HttpRuleTests).
        var book = LessonBook.Parse($"## diagnose\n- **DO** {add.Text} (id `{add.RuleId}`, score 2, tags: {string.Join(", ", add.Tags)})\n");
        Assert.Equal(add.RuleId, new PlaybookContext(new() { Aggregation = null!, Digest = "", PluginsDir = "", LogsDir = "", Lessons = book }, new()).PacingLesson()!.Id);
    }

    [Fact]
    public async Task AKeptFixThatAppliedALesson_ConfirmsIt()
    {
        var book = LessonBook.Parse("## diagnose\n- **DO** Pace requests when a fix unblocks a site. (id `diagnose-pace-unblocked-sites`, score 2, tags: http, pacing)\n");
        var outcome = Outcome("http-429-pacing-films", OutcomeStatus.Kept, lessons: ["diagnose-pace-unblocked-sites"]);

        var operations = await new PlaybookBrain().ReflectAsync(Request(book, outcome), TestContext.Current.CancellationToken);

        var confirm = Assert.Single(operations);
        Assert.Equal((LessonOperationKind.Confirm, "diagnose-pace-unblocked-sites"), (confirm.Kind, confirm.RuleId));
        Assert.Equal("success rate 40% → 100%", confirm.Evidence.Delta);
    }

    [Fact]
    public async Task APacedFixAfterWhichRateLimitsStillRose_ContradictsThePacingLesson()
    {
        var book = LessonBook.Parse("## diagnose\n- **DO** Pace requests when a fix unblocks a site. (id `diagnose-pace-unblocked-sites`, score 2, tags: http, pacing)\n");
        var outcome = Outcome("http-403-headers-films", OutcomeStatus.RolledBack, lessons: ["diagnose-pace-unblocked-sites"], rose: new() { ["429"] = (2, 9) });

        var operations = await new PlaybookBrain().ReflectAsync(Request(book, outcome), TestContext.Current.CancellationToken);

        Assert.Equal(LessonOperationKind.Contradict, Assert.Single(operations).Kind);
    }

    [Fact]
    public async Task AFixRolledBackBecauseThePluginNoLongerLoads_AddsADontRuleAboutTheLoader()
    {
        var outcome = Outcome("title-typography-films", OutcomeStatus.RolledBack, reason: "the plug-in no longer loads after the change", newSignatures: ["load:Exception while loading code"]);

        var operations = await new PlaybookBrain().ReflectAsync(Request(LessonBook.Empty, outcome), TestContext.Current.CancellationToken);

        var add = Assert.Single(operations);
        Assert.Equal((LessonOperationKind.Add, LessonPolarity.Dont), (add.Kind, add.Polarity!.Value));
        Assert.Contains("loader", add.Text!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutcomeWithNothingMeasuredToLearnFrom_ProducesNoOperation()
    {
        var operations = await new PlaybookBrain().ReflectAsync(Request(LessonBook.Empty, Outcome("selector-healing-films", OutcomeStatus.Kept)), TestContext.Current.CancellationToken);

        Assert.Empty(operations);
    }

    private static ReflectionRequest Request(LessonBook book, params InterventionOutcome[] outcomes) => new() { Iteration = 1, Outcomes = outcomes, Lessons = book };

    private static InterventionOutcome Outcome(string id, OutcomeStatus status, string[]? lessons = null, Dictionary<string, (double, double)>? rose = null, string? reason = null, string[]? newSignatures = null) => new()
    {
        Fix = new FixProposal
        {
            Id = id,
            Title = id,
            Agents = ["com.plexapp.agents.Films"],
            RootCause = "measured",
            ExpectedVsObserved = new ExpectedVsObserved { Expected = "e", Observed = "o", DivergencePoint = "d" },
            LessonsApplied = lessons ?? [],
        },
        Status = status,
        SuccessBefore = 0.4,
        SuccessAfter = 1.0,
        HttpStatusesRose = rose ?? [],
        Reason = reason,
        NewSignatures = newSignatures ?? [],
    };
}
