using System.Text.Json.Nodes;
using PlexImprove.Sandbox.Scenarios;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Scenarios;

/// <summary>The built-in network scenarios load with the behaviours their READMEs describe; the new behaviour fields are checked like the others.</summary>
public sealed class NetworkScenarioTests
{
    private static string BuiltIn(string name) => Path.Combine(AppContext.BaseDirectory, "scenarios", name);

    [Fact]
    public void Relocated_HasAMovedSearchWithAHomePage_AndASiteBehindAChallenge()
    {
        var scenario = ScenarioLoader.Load(BuiltIn("relocated"));

        var reelbase = scenario.Manifest.Sites!.Single(s => s.Name == "reelbase");
        var cinevault = scenario.Manifest.Sites!.Single(s => s.Name == "cinevault");
        Assert.Equal(["/search.php"], reelbase.Behaviours.MovedPaths);
        Assert.Contains(reelbase.Routes!, r => r.Kind == "page" && r.Path == "/");
        Assert.True(cinevault.Behaviours.Challenge);
        Assert.Equal(["com.plexapp.agents.cinevault", "com.plexapp.agents.reelbase"], scenario.Bundles.Select(b => b.Identifier).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Flaky_HasIntermittentServerErrors_AndResetConnections()
    {
        var scenario = ScenarioLoader.Load(BuiltIn("flaky"));

        Assert.Equal(4, scenario.Manifest.Sites!.Single(s => s.Name == "movieshelf").Behaviours.ServerErrorEvery);
        Assert.Equal(3, scenario.Manifest.Sites!.Single(s => s.Name == "filmdepot").Behaviours.ResetEvery);
        Assert.Equal(20, scenario.Manifest.Sections!.Sum(s => s.Items!.Count));
    }

    [Theory]
    [InlineData("resetEvery", "-1", "field 'sites[0].behaviours.resetEvery'")]
    [InlineData("movedPaths", "[\"search.php\"]", "field 'sites[0].behaviours.movedPaths'")]
    public void MalformedNetworkBehaviour_FailsNamingTheField(string field, string value, string expected)
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent);
        var manifestPath = Path.Combine(scenario.Root, ScenarioLoader.ManifestFileName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["sites"]![0]!["behaviours"]![field] = JsonNode.Parse(value);
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var error = Assert.Throws<ScenarioManifestException>(() => ScenarioLoader.Load(scenario.Root));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
