using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Providers;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Tests.Providers;

/// <summary>Provider names come from the agent's identifier, whatever its bundle's folder is called.</summary>
public sealed class ProviderCatalogNamingTests
{
    [Fact]
    public void ABundleFolderNamedOtherwise_IsServedUnderItsAgentsIdentifier()
    {
        var bundle = new PluginBundle("com.plexapp.agents.xbmcnfo", "/plugins/XBMCnfoMoviesImporter.bundle");

        var agent = Assert.Single(ProviderCatalog.Of([(bundle, [SectionType.Movie])]).Agents);

        Assert.Equal(("xbmcnfo", "tv.plex.agents.custom.xbmcnfo", "XBMCnfoMoviesImporter"), (agent.ShortName, agent.Identifier, agent.Title));
    }

    [Fact]
    public void ABundleServingMoviesAndTv_AndANameTakenTwice_GetSuffixes()
    {
        var both = new PluginBundle("com.plexapp.agents.thetvdb", "/plugins/TheTVDB.bundle");
        var namesake = new PluginBundle("com.example.agents.TheTVDB", "/plugins/Other.bundle");

        var names = ProviderCatalog.Of([(both, [SectionType.Movie, SectionType.Show]), (namesake, [SectionType.Movie])]).Agents.Select(a => a.ShortName);

        Assert.Equal(["thetvdb", "thetvdb.tv", "thetvdb.2"], names);
    }
}
