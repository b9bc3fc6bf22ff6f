using PlexImprove.Core.Comparison;
using PlexImprove.Core.Metrics;
using PlexImprove.Plex.ActiveTesting;

namespace PlexImprove.Plex.Tests.ActiveTesting;

public sealed class ItemSelectorTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0);

    private static AgentSession Session(string? rk, SessionOutcome outcome, int minute) => new()
    {
        Agent = "com.plexapp.agents.x",
        Kind = SessionKind.Search,
        ThreadId = "1",
        Started = T0.AddMinutes(minute),
        RatingKey = rk,
        Outcome = outcome,
    };

    [Fact]
    public void Select_TakesTheMostRecentFailures_AndControlsThatAlwaysSucceeded()
    {
        var sessions = new List<AgentSession>
        {
            Session("1", SessionOutcome.Failed, 1),
            Session("2", SessionOutcome.Crashed, 5),
            Session("3", SessionOutcome.Crashed, 3),
            Session("3", SessionOutcome.Succeeded, 4),     // failed once: still a failed item
            Session("4", SessionOutcome.Succeeded, 2),
            Session("5", SessionOutcome.Succeeded, 6),
            Session("6", SessionOutcome.Unfinished, 7),    // neither: not a clean control
            Session(null, SessionOutcome.Crashed, 8),      // no ratingKey: cannot be tested
        };

        var selection = ItemSelector.Select(sessions, failedItems: 2, controlItems: 5);

        Assert.Equal(["2", "3"], selection.Failed.Select(i => i.RatingKey));
        Assert.Equal(3, selection.FailedAvailable);
        Assert.Equal(["5", "4"], selection.Controls.Select(i => i.RatingKey));
        Assert.All(selection.Failed, i => Assert.Equal(ItemRole.Failed, i.Role));
        Assert.All(selection.Controls, i => Assert.Equal(ItemRole.Control, i.Role));
    }
}
