using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Plugins;

/// <summary>
/// Agents whose Start() downloads what they need (lists, mappings), on the box's fake network: what happens is what
/// happens under Plex with no network. The download fails as a name that does not resolve fails
/// (<c>Error opening URL</c>, <c>[Errno -2] Name or service not known</c>); an agent that copes starts and serves; one
/// that raises logs its own error as <c>Exception starting plug-in</c> and its process ends, as Plex's does.
/// </summary>
public sealed class StartWithoutNetworkTests
{
    private static string AgentDownloadingAtStart(string onFailure) => $$"""
        # -*- coding: utf-8 -*-
        LISTS = []

        def Start():
            try:
                LISTS.append(HTTP.Request('http://lists.example.org/anime-list.xml', cacheTime=0).content)
            except Exception as e:
                Log.Error('download failed: %s' % e)
                {{onFailure}}

        class TestAgent(Agent.Movies):
            name = 'TestAgent'
            languages = [Locale.Language.English]

            def search(self, results, media, lang, manual=False):
                Log.Info('searching with %d list(s)' % len(LISTS))
        """;

    [Fact]
    public async Task StartThatRaisesWhenItsDownloadFails_LogsTheAgentsOwnError_AndThePluginEnds()
    {
        using var scenario = new TestScenario(AgentDownloadingAtStart("raise Exception('Failed to load core file anime-list.xml')"), items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var records = FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
        Assert.Contains(records, r => r.Level == "ERROR" && r.Message == "Error opening URL 'http://lists.example.org/anime-list.xml'");
        Assert.Contains(records, r => r.Module == "logkit" && r.Message == "download failed: <urlopen error [Errno -2] Name or service not known>");
        var critical = Assert.Single(records, r => r.Level == "CRITICAL" && r.Module == "core");
        Assert.Equal("Exception starting plug-in (most recent call last):", critical.Message);
        Assert.Equal("Exception: Failed to load core file anime-list.xml", critical.Continuation[^1]);
        Assert.DoesNotContain(records, r => r.Message == "Started plug-in");
        Assert.Equal(RefreshOutcome.PluginUnavailable, run.Host.Library.Find("1")!.LastRefresh);
        Assert.Empty(run.Host.Plugins.ProcessIds);
    }

    [Fact]
    public async Task StartThatCopesWithAFailedDownload_StartsAndServesSearches()
    {
        using var scenario = new TestScenario(AgentDownloadingAtStart("Log.Info('continuing without the list')"), items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var records = FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
        Assert.Contains(records, r => r.Message == "Started plug-in");
        Assert.Contains(records, r => r.Module == "logkit" && r.Message == "searching with 0 list(s)");
        Assert.Equal(RefreshOutcome.NotMatched, run.Host.Library.Find("1")!.LastRefresh);
    }
}
