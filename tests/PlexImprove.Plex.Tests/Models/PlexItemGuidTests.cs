using PlexImprove.Plex.Models;

namespace PlexImprove.Plex.Tests.Models;

/// <summary>Which guids count as written by an agent: its legacy scheme, or its scheme as a Custom Metadata Provider.</summary>
public sealed class PlexItemGuidTests
{
    [Theory]
    [InlineData("com.plexapp.agents.festivaldb://wadjda?lang=en", true)]
    [InlineData("tv.plex.agents.custom.festivaldb://movie/iwadjda", true)]
    [InlineData("tv.plex.agents.custom.festivaldb.tv://show/iwadjda", true)]
    [InlineData("tv.plex.agents.custom.festivaldbx://movie/iwadjda", false)]
    [InlineData("tv.plex.agents.custom.silentera://movie/imetropolis", false)]
    [InlineData("local://12", false)]
    public void HasGuidOf_AcceptsTheAgentsLegacyAndProviderSchemesOnly(string guid, bool expected)
    {
        var item = new PlexItem { RatingKey = "12", Guid = guid };

        Assert.Equal(expected, item.HasGuidOf("com.plexapp.agents.FestivalDB"));
    }
}
