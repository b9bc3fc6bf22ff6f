using System.Text.Json.Nodes;
using PlexImprove.Core.Errors;
using PlexImprove.Sandbox.Scenarios;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    [Fact]
    public void DemoScenario_LoadsWithFourAgentsAndTheirSites()
    {
        var scenario = ScenarioLoader.Load(SandboxRun.DemoRoot);

        Assert.Equal(4, scenario.Bundles.Count);
        Assert.Equal(4, scenario.Manifest.Sections!.Count);
        Assert.All(scenario.Manifest.Sections, s => Assert.Contains(scenario.Bundles, b => b.Identifier == s.Agent));
        Assert.All(scenario.Manifest.Sections.SelectMany(s => s.Items!), i => Assert.Matches(@"^/.*/\(.+\) - .+ \(\d{4}\)\.mp4$", i.File!));
    }

    [Theory]
    [InlineData("name", null, "field 'name'")]
    [InlineData("sections", "[]", "field 'sections'")]
    [InlineData("sections/0/agent", "\"com.plexapp.agents.Missing\"", "field 'sections[0].agent'")]
    [InlineData("sections/0/items/1/file", "\"\"", "field 'sections[0].items[1].file'")]
    [InlineData("sites/0/routes/0/kind", "\"list\"", "field 'sites[0].routes[0].kind'")]
    [InlineData("sites/0/catalog", "\"site/missing.json\"", "field 'sites[0].catalog'")]
    [InlineData("sites/0/behaviours/rateLimit", "{\"requests\": 0}", "field 'sites[0].behaviours.rateLimit.requests'")]
    [InlineData("sites/0/behaviours/charset", "\"latin-17\"", "field 'sites[0].behaviours.charset'")]
    [InlineData("sections/0/id", "\"one\"", "field 'sections[0].id'")]
    [InlineData("outOfReach", "{\"com.plexapp.agents.Nobody\": \"gone\"}", "field 'outOfReach.com.plexapp.agents.Nobody'")]
    public void MalformedManifest_FailsAsBadInputNamingTheField(string path, string? value, string expected)
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent);
        var manifestPath = Path.Combine(scenario.Root, ScenarioLoader.ManifestFileName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var parts = path.Split('/');
        var parent = parts[..^1].Aggregate(manifest, (node, part) => int.TryParse(part, out var index) ? node[index]! : node[part]!);
        parent[parts[^1]] = value is null ? null : JsonNode.Parse(value);
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var error = Assert.Throws<ScenarioManifestException>(() => ScenarioLoader.Load(scenario.Root));

        Assert.Equal(FailureKind.BadInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderWithoutManifest_IsNotAScenario()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var error = Assert.Throws<ScenarioManifestException>(() => ScenarioLoader.Load(dir.FullName));
            Assert.Contains("scenario.json", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void BuiltInCatalog_ListsDemo_AndRejectsUnknownNames()
    {
        var catalog = ScenarioCatalog.Default();

        Assert.Contains(catalog.List(), s => s.Name == "demo");
        Assert.Contains(catalog.List(), s => s.Name == "api-drift");
        Assert.Contains(catalog.List(), s => s.Name == "world-cinema");
        var error = Assert.Throws<ScenarioManifestException>(() => catalog.Resolve("no-such-scenario"));
        Assert.Contains("Scenario 'no-such-scenario' is neither a built-in scenario", error.Message, StringComparison.Ordinal);
    }
}
