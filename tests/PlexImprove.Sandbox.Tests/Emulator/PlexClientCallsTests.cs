using System.Net;
using System.Text.Json;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Emulator;

/// <summary>The calls real Plex client libraries make first, served as Plex serves them.</summary>
public sealed class PlexClientCallsTests
{
    private static JsonElement Container(string json) => JsonDocument.Parse(json).RootElement.GetProperty("MediaContainer");

    [Fact]
    public async Task LibraryRoot_AndSectionsAll_AreServed()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        var ct = TestContext.Current.CancellationToken;

        var library = Container(await run.Http.GetStringAsync("/library", ct));
        var all = Container(await run.Http.GetStringAsync("/library/sections/all", ct));

        Assert.Equal("com.plexapp.plugins.library", library.GetProperty("identifier").GetString());
        Assert.Contains(library.GetProperty("Directory").EnumerateArray(), d => d.GetProperty("key").GetString() == "sections");
        var section = all.GetProperty("Directory")[0];
        Assert.Equal(TestScenario.Identifier, section.GetProperty("agent").GetString());
        Assert.True(section.GetProperty("scannedAt").GetInt64() > 0);
        Assert.True(section.GetProperty("createdAt").GetInt64() > 0);
    }

    [Fact]
    public async Task SeveralRatingKeys_AreServedTogether_WithPartKeysAndTheirSection()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, items: 2);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        var container = Container(await run.Http.GetStringAsync("/library/metadata/2,1", TestContext.Current.CancellationToken));

        var items = container.GetProperty("Metadata").EnumerateArray().ToList();
        Assert.Equal(["2", "1"], items.Select(i => i.GetProperty("ratingKey").GetString()));
        Assert.Equal("/library/sections/1", items[0].GetProperty("librarySectionKey").GetString());
        Assert.Equal(container.GetProperty("librarySectionUUID").GetString(), items[0].GetProperty("librarySectionUUID").GetString());
        var part = items[0].GetProperty("Media")[0].GetProperty("Part")[0];
        Assert.StartsWith("/library/parts/2/", part.GetProperty("key").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SectionRefresh_AcceptsPostAsClientsSendIt()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        using var response = await run.Http.PostAsync("/library/sections/1/refresh", null, TestContext.Current.CancellationToken);
        await run.WaitIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PlexImprove.Sandbox.Emulator.RefreshOutcome.Updated, run.Host.Library.Find("1")!.LastRefresh);
    }
}
