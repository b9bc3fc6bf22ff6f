using System.Text.Json.Nodes;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Emulator;

/// <summary>
/// A section refresh as Plex runs it: without <c>force</c> only the items that need it (never refreshed, unmatched,
/// failed), with <c>force=1</c> every item, and the agent's update gets that <c>force</c>; the refresh's notifications
/// also reach <c>/:/eventsource/notifications</c> clients.
/// </summary>
public sealed class SectionRefreshTests
{
    /// <summary>Matches "Film 1" only; logs each search and the force its update gets.</summary>
    private const string MatchesFilmOne = """
        # -*- coding: utf-8 -*-
        class TestAgent(Agent.Movies):
            name = 'TestAgent'
            languages = [Locale.Language.English]

            def search(self, results, media, lang, manual=False):
                Log.Info('search %s' % media.name)
                if media.name.endswith('Film 1'):
                    results.Append(MetadataSearchResult(id='f1', name='Film 1', score=100, lang=lang))

            def update(self, metadata, media, lang, force=False):
                Log.Info('update force %s' % force)
                metadata.title = 'Film 1'
        """;

    private static int Count(SandboxRun run, string message) =>
        FrameworkLog.Records(run.ReadLog(TestScenario.Identifier)).Count(r => r.Module == "logkit" && r.Message == message);

    private static async Task GetAsync(SandboxRun run, string url)
    {
        using var response = await run.Http.GetAsync(url, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        await run.WaitIdleAsync();
    }

    [Fact]
    public async Task WithoutForce_OnlyNewAndUnmatchedItemsRefresh_WithForce_EveryItem()
    {
        using var scenario = new TestScenario(MatchesFilmOne, items: 2);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await GetAsync(run, "/library/sections/1/refresh");
        await GetAsync(run, "/library/sections/1/refresh");

        Assert.Equal(1, Count(run, "search (Studio) - Film 1"));
        Assert.Equal(2, Count(run, "search (Studio) - Film 2"));
        Assert.Equal(1, Count(run, "update force False"));

        await GetAsync(run, "/library/sections/1/refresh?force=1");

        Assert.Equal(2, Count(run, "search (Studio) - Film 1"));
        Assert.Equal(3, Count(run, "search (Studio) - Film 2"));
        Assert.Equal(1, Count(run, "update force True"));
        Assert.Equal(RefreshOutcome.Updated, run.Host.Library.Find("1")!.LastRefresh);
        Assert.Equal(RefreshOutcome.NotMatched, run.Host.Library.Find("2")!.LastRefresh);
    }

    [Fact]
    public async Task EventSource_StreamsTheSameActivityAndTimelineNotificationsAsTheWebsocket()
    {
        using var scenario = new TestScenario(MatchesFilmOne, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        using var stream = await run.Http.GetAsync("/:/eventsource/notifications", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        stream.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(timeout.Token));

        using var refresh = await run.Http.PutAsync("/library/metadata/1/refresh", null, timeout.Token);
        refresh.EnsureSuccessStatusCode();

        var events = new List<(string Event, JsonNode Data)>();
        string? name = null;
        while (!events.Any(e => e.Event == "timeline" && e.Data["TimelineEntry"]![0]!["state"]!.GetValue<int>() == 5))
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the event stream ended");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((name!, JsonNode.Parse(line["data: ".Length..])!));
            }
        }

        var ended = Assert.Single(events, e => e.Event == "activity" && e.Data["ActivityNotification"]![0]!["event"]!.GetValue<string>() == "ended");
        Assert.Equal("activity", ended.Data["type"]!.GetValue<string>());
        Assert.Equal("/library/metadata/1", ended.Data["ActivityNotification"]![0]!["Activity"]!["Context"]!["key"]!.GetValue<string>());
        Assert.Equal("1", events[^1].Data["TimelineEntry"]![0]!["itemID"]!.GetValue<string>());
    }
}
