using System.Text.Json;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Tests.Scenarios;

/// <summary><c>sandbox up --plugins</c>: each bundle's section has the type of its agent, with items of that type.</summary>
public sealed class PluginsScenarioMediaTypeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "plugins-types-" + Guid.NewGuid().ToString("N")[..8]);

    private void Bundle(string name, string agentClass)
    {
        var contents = Path.Combine(_root, "Plug-ins", name + ".bundle", "Contents");
        Directory.CreateDirectory(Path.Combine(contents, "Code"));
        File.WriteAllText(Path.Combine(contents, "Info.plist"),
            $"<plist><dict><key>CFBundleIdentifier</key><!-- id --><string>com.plexapp.agents.{name.ToLowerInvariant()}</string></dict></plist>");
        File.WriteAllText(Path.Combine(contents, "Code", "__init__.py"), $"class A(Agent.{agentClass}):\n    name = '{name}'\n");
    }

    [Fact]
    public void SectionOfEachBundle_HasItsAgentsMediaType_AndItemsOfThatType()
    {
        Bundle("Anime", "TV_Shows");
        Bundle("Books", "Artist");
        Bundle("Films", "Movies");
        var logs = Path.Combine(_root, "logs");
        Directory.CreateDirectory(logs);
        File.WriteAllText(Path.Combine(logs, "com.plexapp.agents.anime.log"),
            "2024-01-01 10:00:00,000 (1) :  INFO (agentkit:961) - Searching for matches for {'show': 'Show', 'season': '1', 'episode': '2', 'filename': '%2Fdata%2FTV%2FShow%2FSeason%2001%2FShow%20-%20S01E02.mkv', 'id': '7'}\n");

        var scenario = PluginsScenarioBuilder.Build(Path.Combine(_root, "Plug-ins"), logs, _root);

        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(scenario, "scenario.json"))).RootElement;
        var sections = manifest.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("title").GetString()!);
        Assert.Equal(SectionType.Show, sections["Anime"].GetProperty("type").GetString());
        Assert.Equal("/data/TV/Show/Season 01/Show - S01E02.mkv", Assert.Single(sections["Anime"].GetProperty("items").EnumerateArray()).GetProperty("file").GetString());
        Assert.Equal(SectionType.Artist, sections["Books"].GetProperty("type").GetString());
        Assert.StartsWith("/data/Music/", sections["Books"].GetProperty("items")[0].GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal(SectionType.Movie, sections["Films"].GetProperty("type").GetString());
        Assert.Equal(3, ScenarioLoader.Load(scenario).Bundles.Count);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
