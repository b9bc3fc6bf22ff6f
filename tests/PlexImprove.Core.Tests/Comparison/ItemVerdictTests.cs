using PlexImprove.Core.Comparison;
using Xunit;

namespace PlexImprove.Core.Tests.Comparison;

public sealed class ItemVerdictTests
{
    private static PlexItemCheck AllPresent => new() { UpdatedAtAdvanced = true, HasTitle = true, HasYear = true, HasSummary = true, HasAgentGuid = true };

    [Fact]
    public void Judge_LogAndPlexAgree_Succeeds()
    {
        Assert.Equal(ItemOutcome.Succeeded, ItemVerdict.Judge(ItemOutcome.Succeeded, AllPresent).Outcome);
    }

    [Fact]
    public void Judge_SilencedErrorsWithoutMetadata_DoesNotSucceed()
    {
        // A "fix" that stops logging the error: the log looks clean but Plex got nothing.
        var check = new PlexItemCheck { UpdatedAtAdvanced = true, HasTitle = true, HasYear = false, HasSummary = false, HasAgentGuid = false };

        var (outcome, reason) = ItemVerdict.Judge(ItemOutcome.Succeeded, check);

        Assert.Equal(ItemOutcome.PlexDisagrees, outcome);
        Assert.Contains("no summary", reason, StringComparison.Ordinal);
        Assert.Contains("no guid of the agent", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_PlexLooksFineButTheLogFailed_DoesNotSucceed()
    {
        Assert.Equal(ItemOutcome.Crashed, ItemVerdict.Judge(ItemOutcome.Crashed, AllPresent).Outcome);
    }

    [Fact]
    public void Judge_TimedOut_IsNeverASuccess()
    {
        Assert.Equal(ItemOutcome.TimedOut, ItemVerdict.Judge(ItemOutcome.TimedOut, AllPresent).Outcome);
    }
}
