using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Tests.Scenarios;

/// <summary>The built-in <c>chains</c> scenario ships beside the program and loads whole.</summary>
public sealed class ChainsScenarioTests
{
    [Fact]
    public void Chains_IsInTheBuiltInCatalogue_WithFiveAgentsEachOnItsOwnSite()
    {
        var catalog = ScenarioCatalog.Default();
        Assert.Contains(catalog.List(), s => s.Name == "chains");

        var scenario = ScenarioLoader.Load(catalog.Resolve("chains"));

        Assert.Equal(5, scenario.Bundles.Count);
        Assert.Equal(5, scenario.Manifest.Sites!.Count);
        var sections = scenario.Manifest.Sections!;
        Assert.Equal(36, sections.Sum(s => s.Items!.Count));
        Assert.All(sections, s => Assert.Contains(scenario.Bundles, b => b.Identifier == s.Agent));
        Assert.All(sections.SelectMany(s => s.Items!), i => Assert.Matches(@"^/.*/\(.+\) - .+ \(\d{4}\)\.mp4$", i.File!));
    }
}
