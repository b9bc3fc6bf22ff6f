using PlexImprove.Core.Metrics;
using Xunit;

namespace PlexImprove.Core.Tests.Metrics;

public sealed class AgentNamesTests
{
    private static readonly string[] Known = ["com.plexapp.agents.AEBN", "com.plexapp.agents.GEVI", "com.example.agents.aebn2"];

    [Theory]
    [InlineData("AEBN")]
    [InlineData("aebn")]
    [InlineData("com.plexapp.agents.AEBN")]
    [InlineData(" AEBN ")]
    public void Resolve_ShortOrFullName_GivesTheFullIdentifier(string name)
    {
        Assert.Equal(["com.plexapp.agents.AEBN"], AgentNames.Resolve([name], Known));
    }

    [Fact]
    public void Resolve_NameNoLogHas_IsKeptSoTheCallerCanSaySo()
    {
        Assert.Equal(["Nope", "com.plexapp.agents.GEVI"], AgentNames.Resolve(["Nope", "GEVI", "gevi"], Known));
    }
}
