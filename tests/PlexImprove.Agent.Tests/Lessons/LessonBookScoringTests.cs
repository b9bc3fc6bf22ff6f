using PlexImprove.Agent.Lessons;
using PlexImprove.Core.Errors;
using Xunit;

namespace PlexImprove.Agent.Tests.Lessons;

public sealed class LessonBookScoringTests
{
    private const string Sample = """
        # Lessons learned

        ## diagnose

        - **DO** Pace requests when a fix unblocks a site. (id `diagnose-pace`, score 3, tags: http, 429)
          - evidence: iteration 1, fix gevi-headers: http 429 per 100 sessions 0 → 37
        - **DON'T** Trust a metric that fell because a log line vanished. (id `diagnose-vanished-line`, score 1)

        ## implement

        - **DO** Write `n = n - 1` instead of `n -= 1`. (id `implement-no-augmented`, score 2, tags: loader)
        """;

    private static LessonEvidence Measured(string delta) => new() { Iteration = 2, FixId = "fix-1", Delta = delta };

    [Fact]
    public void Parse_ThenToMarkdown_RoundTripsEveryRule()
    {
        var book = LessonBook.Parse(Sample);

        var again = LessonBook.Parse(book.ToMarkdown());

        Assert.Equal(3, again.Rules.Count);
        var pace = again.Find("diagnose-pace")!;
        Assert.Equal(LessonPolarity.Do, pace.Polarity);
        Assert.Equal(3, pace.Score);
        Assert.Equal(["http", "429"], pace.Tags);
        Assert.Equal("http 429 per 100 sessions 0 → 37", Assert.Single(pace.Evidence).Delta);
        Assert.Equal(LessonPolarity.Dont, again.Find("diagnose-vanished-line")!.Polarity);
    }

    [Fact]
    public void Top_ReturnsThePhasesRulesHighestScoreFirst()
    {
        var book = LessonBook.Parse(Sample);

        var top = book.Top(LessonPhase.Diagnose, 5);

        Assert.Equal(["diagnose-pace", "diagnose-vanished-line"], top.Select(r => r.Id));
        Assert.Empty(book.Top(LessonPhase.Test));
    }

    [Fact]
    public void Apply_AddStartsAtTwoConfirmRaisesContradictLowersAndPrunesAtZero()
    {
        var book = LessonBook.Parse(Sample);

        var log = book.Apply(
        [
            new LessonOperation { Kind = LessonOperationKind.Add, Phase = LessonPhase.Test, Polarity = LessonPolarity.Do, Text = "Refresh the same items after a restart.", Evidence = Measured("same 20 items, 3 → 19 succeeded") },
            new LessonOperation { Kind = LessonOperationKind.Confirm, RuleId = "diagnose-pace", Evidence = Measured("429 stayed at 0") },
            new LessonOperation { Kind = LessonOperationKind.Contradict, RuleId = "diagnose-vanished-line", Evidence = Measured("the rule misled a diagnosis") },
        ]);

        Assert.Equal(2, book.Find(LessonBook.IdFor(LessonPhase.Test, "Refresh the same items after a restart."))!.Score);
        Assert.Equal(4, book.Find("diagnose-pace")!.Score);
        Assert.Null(book.Find("diagnose-vanished-line"));
        Assert.Contains(log, line => line.StartsWith("PRUNE diagnose-vanished-line", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_ContradictInAFullPhase_CostsThree()
    {
        var rules = Enumerable.Range(0, LessonBook.MaxRulesPerPhase).Select(i => new LessonRule
        {
            Id = $"diagnose-r{i}", Phase = LessonPhase.Diagnose, Polarity = LessonPolarity.Do, Text = $"Rule {i}.", Score = 5,
        });
        var book = new LessonBook(rules);

        book.Apply([new LessonOperation { Kind = LessonOperationKind.Contradict, RuleId = "diagnose-r3", Evidence = Measured("contradicted") }]);

        Assert.Equal(2, book.Find("diagnose-r3")!.Score);
    }

    [Fact]
    public void Apply_EditReplacesTheTextAndKeepsTheId()
    {
        var book = LessonBook.Parse(Sample);

        book.Apply([new LessonOperation { Kind = LessonOperationKind.Edit, RuleId = "diagnose-pace", Text = "Pace every request to a site that rate-limits.", Evidence = Measured("429 back after a faster fix") }]);

        var rule = book.Find("diagnose-pace")!;
        Assert.Equal("Pace every request to a site that rate-limits.", rule.Text);
        Assert.Equal(2, rule.Evidence.Count);
    }

    [Fact]
    public void Parse_MalformedRule_NamesTheLine()
    {
        var error = Assert.Throws<InvalidInputException>(() => LessonBook.Parse("## diagnose\n\n- **DO** no id here\n", "lessons_learned.md"));

        Assert.StartsWith("lessons_learned.md:3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownPhase_IsAnError()
    {
        var error = Assert.Throws<InvalidInputException>(() => LessonBook.Parse("## cooking\n", "x.md"));

        Assert.Contains("unknown phase 'cooking'", error.Message, StringComparison.Ordinal);
    }
}
