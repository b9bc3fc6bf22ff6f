using System.Text.Json;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Scenarios;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Scenarios;

/// <summary>
/// <c>sandbox up --plugins</c>: a bundle whose agent classes all declare <c>primary_provider = False</c> gets no section
/// of its own, as on Plex; it runs after the primary agent it contributes to.
/// </summary>
public sealed class PluginsScenarioSecondaryAgentTests : IDisposable
{
    private const string Films = "com.plexapp.agents.films";
    private const string Subtitles = "com.plexapp.agents.subtitles";

    private const string PrimaryCode = """
        class FilmsAgent(Agent.Movies):
            name = 'Films'
            languages = ['en']
            primary_provider = True

            def search(self, results, media, lang, manual=False):
                results.Append(MetadataSearchResult(id='p1', name='Primary Title', score=100, lang=lang))

            def update(self, metadata, media, lang, force=False):
                Log.Info('films update')
                metadata.title = 'Primary Title'
        """;

    private const string SecondaryCode = """
        class SubtitlesAgent(Agent.Movies):
            name = 'Subtitles'
            languages = ['en']
            # Contributes only: never a section's agent.
            primary_provider = False
            contributes_to = ['com.plexapp.agents.films']

            def search(self, results, media, lang, manual=False, primary=True):
                Log.Info('subtitles search after %s' % media.primary_metadata.title)
                results.Append(MetadataSearchResult(id='null', score=100))

            def update(self, metadata, media, lang, force=False):
                Log.Info('subtitles update')
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "plugins-secondary-" + Guid.NewGuid().ToString("N")[..8]);

    private string Bundle(string name, string identifier, string code)
    {
        var bundle = Path.Combine(_root, "Plug-ins", name + ".bundle");
        Directory.CreateDirectory(Path.Combine(bundle, "Contents", "Code"));
        File.WriteAllText(Path.Combine(bundle, "Contents", "Info.plist"), $"<plist><dict><key>CFBundleIdentifier</key><string>{identifier}</string></dict></plist>");
        File.WriteAllText(Path.Combine(bundle, "Contents", "Code", "__init__.py"), code);
        return bundle;
    }

    [Fact]
    public async Task SecondaryBundle_GetsNoSection_AndItsUpdateRunsAfterThePrimarysOnARefresh()
    {
        Bundle("Films", Films, PrimaryCode);
        Bundle("Subtitles", Subtitles, SecondaryCode);

        var scenario = PluginsScenarioBuilder.Build(Path.Combine(_root, "Plug-ins"), null, _root);

        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(scenario, "scenario.json"))).RootElement;
        var section = Assert.Single(manifest.GetProperty("sections").EnumerateArray());
        Assert.Equal(Films, section.GetProperty("agent").GetString());
        Assert.Equal(2, ScenarioLoader.Load(scenario).Bundles.Count);

        await using var run = await SandboxRun.StartAsync(scenario);
        await run.RefreshAsync("1");

        Assert.Contains(FrameworkLog.Records(run.ReadLog(Films)), r => r.Message == "films update");
        var subtitles = FrameworkLog.Records(run.ReadLog(Subtitles)).Select(r => r.Message).ToList();
        var search = subtitles.IndexOf("subtitles search after Primary Title");
        Assert.True(search >= 0, "the secondary agent searched with the primary's metadata in hand");
        Assert.True(subtitles.IndexOf("subtitles update") > search, "the secondary agent updated after that search");
        Assert.Equal(RefreshOutcome.Updated, run.Host.Library.Find("1")!.LastRefresh);
    }

    [Fact]
    public void BundleWithAPrimaryClassBesideASecondaryOne_KeepsItsSection_AndAFolderOfSecondaryBundlesOnlyIsRefusedWithoutLeftovers()
    {
        var mixed = Bundle("Mixed", "com.plexapp.agents.mixed", SecondaryCode + "\n" + PrimaryCode);
        var secondary = Bundle("Subtitles", Subtitles, SecondaryCode);

        Assert.False(PluginsScenarioBuilder.IsSecondaryOnly(mixed));
        Assert.True(PluginsScenarioBuilder.IsSecondaryOnly(secondary));
        Directory.Delete(mixed, recursive: true);
        var refused = Assert.Throws<ScenarioManifestException>(() => PluginsScenarioBuilder.Build(Path.Combine(_root, "Plug-ins"), null, _root));
        Assert.Contains("holds only secondary agents (primary_provider = False)", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateDirectories(_root, "plugins-scenario-*"));
    }

    [Fact]
    public void AgentClassesInheritingPrimaryProviderFalseFromABaseClass_AreSecondaryOnly_AndTheirSectionTypeIsRead()
    {
        var inherited = Bundle("Inherited", "com.plexapp.agents.inherited", """
            class SubtitlesBase(object):
                name = 'Subtitles'
                primary_provider = False

            class SubtitlesShows(SubtitlesBase, Agent.TV_Shows):
                contributes_to = ['com.plexapp.agents.thetvdb']

            class SubtitlesMovies(SubtitlesBase, Agent.Movies):
                contributes_to = ['com.plexapp.agents.imdb']
            """);
        var primaryBase = Bundle("PrimaryBase", "com.plexapp.agents.primarybase", """
            class Base(object):
                name = 'Base'

            class Shows(Base, Agent.TV_Shows):
                pass
            """);

        Assert.True(PluginsScenarioBuilder.IsSecondaryOnly(inherited));
        Assert.False(PluginsScenarioBuilder.IsSecondaryOnly(primaryBase));
        Assert.Equal(SectionType.Show, PluginsScenarioBuilder.SectionTypeOf(primaryBase));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
