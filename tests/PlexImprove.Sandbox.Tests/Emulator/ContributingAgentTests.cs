using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Emulator;

/// <summary>
/// Primary and contributing agents as Plex assigns them: after the section's primary agent updates an item, every agent
/// whose <c>contributes_to</c> names the primary, and every agent the primary's <c>accepts_from</c> lists, searches with
/// the primary's match in hand and updates; an agent contributing to another primary does not run.
/// </summary>
public sealed class ContributingAgentTests
{
    private const string Subtitles = "com.plexapp.agents.subtitles";
    private const string Extras = "com.plexapp.agents.localextras";
    private const string Bystander = "com.plexapp.agents.bystander";

    private static string Secondary(string className, string attributes, string tag) => $$"""
        # -*- coding: utf-8 -*-
        class {{className}}(Agent.Movies):
            name = '{{className}}'
            languages = [Locale.Language.English]
            primary_provider = False
            {{attributes}}

            def search(self, results, media, lang, manual=False, primary=True):
                Log.Info('{{tag}} search %s %s %s %s' % (media.primary_agent, media.primary_metadata.title, media.primary_metadata.id, primary))
                results.Append(MetadataSearchResult(id='null', score=100))

            def update(self, metadata, media, lang, force=False):
                Log.Info('{{tag}} update %s %s' % (media.title, force))
                metadata.studio = 'From {{tag}}'
        """;

    [Fact]
    public async Task AfterThePrimaryUpdate_AgentsContributingToItOrAcceptedByItRun_AndOthersDoNot()
    {
        var primary = TestScenario.HealthyAgent.Replace("primary_provider = True", $"primary_provider = True\n    accepts_from = ['{Extras}']", StringComparison.Ordinal);
        using var scenario = new TestScenario(primary, items: 1, otherBundles:
        [
            ("Subtitles", Subtitles, Secondary("SubtitlesAgent", $"contributes_to = ['{TestScenario.Identifier}']", "subtitles")),
            ("Extras", Extras, Secondary("ExtrasAgent", "", "extras")),
            ("Bystander", Bystander, Secondary("BystanderAgent", "contributes_to = ['com.plexapp.agents.imdb']", "bystander")),
        ]);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var subtitles = FrameworkLog.Records(run.ReadLog(Subtitles));
        var searching = Assert.Single(subtitles, r => r.Message.StartsWith("Searching for matches for {", StringComparison.Ordinal));
        Assert.Equal("INFO", searching.Level);
        Assert.EndsWith($"'primary_agent': '{TestScenario.Identifier}', 'guid': '{TestScenario.Identifier}://f1?lang=en'}}", searching.Message, StringComparison.Ordinal);
        Assert.Contains(subtitles, r => r.Message == $"subtitles search {TestScenario.Identifier} Film 1 f1 False");
        Assert.Contains(subtitles, r => r.Message == $"Loading model with GUID {Subtitles}://null?lang=en");
        Assert.Contains(subtitles, r => r.Message == "subtitles update (Studio) - Film 1 False");
        Assert.Contains(FrameworkLog.Records(run.ReadLog(Extras)), r => r.Message == $"extras search {TestScenario.Identifier} Film 1 f1 False");
        Assert.DoesNotContain(FrameworkLog.Records(run.ReadLog(Bystander)), r => r.Message.StartsWith("Searching for matches", StringComparison.Ordinal));
        var item = run.Host.Library.Find("1")!;
        Assert.Equal(RefreshOutcome.Updated, item.LastRefresh);
        Assert.Equal("Film 1", item.Title);
        Assert.Equal("From extras", item.Studio);
    }

    [Fact]
    public async Task WhenThePrimaryAgentMatchesNothing_NoContributingAgentRuns()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, items: 1, files: ["/data/(Studio) - Unknown Film (2001).mp4"], otherBundles:
        [
            ("Subtitles", Subtitles, Secondary("SubtitlesAgent", $"contributes_to = ['{TestScenario.Identifier}']", "subtitles")),
        ]);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        Assert.Equal(RefreshOutcome.NotMatched, run.Host.Library.Find("1")!.LastRefresh);
        Assert.False(File.Exists(run.LogPath(Subtitles)) && run.ReadLog(Subtitles).Contains("Searching for matches", StringComparison.Ordinal));
    }
}
