using Xunit;
using PlexImprove.Core.Providers;

namespace PlexImprove.Core.Tests.Providers;

/// <summary>A provider is named after its agent's identifier, so its guids are recognised from the identifier alone.</summary>
public sealed class CustomProviderNamesTests
{
    [Theory]
    [InlineData("com.plexapp.agents.FestivalDB", "festivaldb")]
    [InlineData("com.plexapp.agents.xbmcnfo", "xbmcnfo")]
    [InlineData("com.plexapp.agents.data18-phoenix", "data18phoenix")]
    [InlineData("com.example.agents.---", "agent")]
    public void For_IsTheIdentifiersLastPart_InLowerCaseLettersAndDigits(string agent, string expected) =>
        Assert.Equal(expected, CustomProviderNames.For(agent));

    [Theory]
    [InlineData("tv.plex.agents.custom.xbmcnfo://movie/i12", true)]
    [InlineData("TV.PLEX.AGENTS.CUSTOM.XBMCNFO://movie/i12", true)]
    [InlineData("tv.plex.agents.custom.xbmcnfo.tv://show/i12", true)]
    [InlineData("tv.plex.agents.custom.xbmcnfo.2://movie/i12", true)]
    [InlineData("tv.plex.agents.custom.xbmcnfo2://movie/i12", false)]
    [InlineData("tv.plex.agents.custom.xbmcnfomoviesimporter://movie/i12", false)]
    [InlineData("tv.plex.agents.custom.xbmc://movie/i12", false)]
    [InlineData("tv.plex.agents.custom.xbmcnfo", false)]
    [InlineData("com.plexapp.agents.xbmcnfo://12?lang=en", false)]
    public void IsGuidOf_AcceptsTheProvidersSchemeWithItsSuffixesOnly(string guid, bool expected) =>
        Assert.Equal(expected, CustomProviderNames.IsGuidOf(guid, "com.plexapp.agents.xbmcnfo"));
}
