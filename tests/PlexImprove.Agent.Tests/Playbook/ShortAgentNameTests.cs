using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>A diagnosis asked for an agent by its short name finds what the full identifier finds.</summary>
public sealed class ShortAgentNameTests
{
    private const string Code = """
        BASE = 'https://films.example.org'


        class Films(Agent.Movies):
            name = 'Films'

            def search(self, results, media, lang, manual):
                page = HTML.ElementFromURL(BASE + '/find?title=' + String.URLEncode(media.name))
        """;

    [Theory]
    [InlineData("Films")]
    [InlineData("films")]
    [InlineData("com.plexapp.agents.Films")]
    public async Task Diagnose_ShortOrFullAgentName_FindsTheSameFailures(string name)
    {
        using var agent = new FixtureAgent("Films", Code)
            .HttpFailure("Night Train", "https://films.example.org/find?title=Night+Train", 403, "Forbidden");

        var report = await agent.DiagnoseAsync(new PageTable(), agents: [name]);

        Assert.Single(report.Fixes);
        Assert.DoesNotContain(report.Notes, n => n.Contains("no log records", StringComparison.Ordinal));
    }
}
