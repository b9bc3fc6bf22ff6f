using PlexImprove.Core.Comparison;
using PlexImprove.Core.Metrics;
using PlexImprove.Plex.ActiveTesting;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Tests.Fakes;

namespace PlexImprove.Plex.Tests.ActiveTesting;

/// <summary>
/// An agent under test with no successful item of its own (every session failed) and a second agent the fix also
/// changed (a shared module): the controls come from that second agent.
/// </summary>
public sealed class ActiveTesterControlAgentsTests : IAsyncLifetime
{
    private const string Tested = "com.plexapp.agents.broken";
    private const string Sibling = "com.plexapp.agents.sibling";
    private readonly string _root = PluginLogWriter.Temp();
    private FakePlexServer _server = null!;
    private PluginLogWriter _tested = null!;
    private PluginLogWriter _sibling = null!;
    private MetricsDocument _baseline = null!;

    private string LogsDir => Path.Combine(_root, "logs");

    public async ValueTask InitializeAsync()
    {
        _server = await FakePlexServer.StartAsync();
        _tested = new PluginLogWriter(LogsDir, Tested) { At = DateTime.Now.AddHours(-3) };
        _sibling = new PluginLogWriter(LogsDir, Sibling) { At = DateTime.Now.AddHours(-3) };
        _tested.Start();
        _sibling.Start();
        foreach (var rk in new[] { "1", "2", "3" })
        {
            _tested.Search(rk, "Movie " + rk);
            _tested.SearchCrashed(rk);
            _server.AddItem(rk);
        }

        foreach (var rk in new[] { "21", "22" })
        {
            _sibling.Search(rk, "Movie " + rk);
            _sibling.SearchSucceeded(rk);
            var item = _server.AddItem(rk);
            item.Summary = "A summary.";
            item.Guid = $"{Sibling}://{rk}?lang=en";
        }

        _baseline = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = LogsDir }).Metrics;
        _tested.At = null;
        _sibling.At = null;
        _server.OnRefresh = item =>
        {
            var log = item.RatingKey.StartsWith('2') ? _sibling : _tested;
            log.Search(item.RatingKey, item.Title!);
            log.SearchSucceeded(item.RatingKey);
            item.Summary = "A summary.";
            item.Guid = $"{log.Agent}://{item.RatingKey}?lang=en";
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private ActiveTestRequest Request(params string[] controlAgents) => new()
    {
        FixId = "fix-shared",
        Agents = ["broken"],
        ControlAgents = controlAgents,
        Baseline = _baseline,
        Refresh = new RefreshOptions { ItemTimeout = TimeSpan.FromSeconds(15), PollInterval = TimeSpan.FromMilliseconds(50) },
    };

    [Fact]
    public async Task Test_ControlAgentsFromTheFix_DrawControlsFromTheSiblingAgent()
    {
        using var client = TestClients.For(_server);

        var report = await new ActiveTester(client).RunAsync(Request(Sibling), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["21", "22"], report.Items.Where(i => i.Role == ItemRole.Control).Select(i => i.RatingKey).Order(StringComparer.Ordinal));
        Assert.Equal(["1", "2", "3"], report.Items.Where(i => i.Role == ItemRole.Failed).Select(i => i.RatingKey).Order(StringComparer.Ordinal));
        Assert.Equal(2, report.Comparison.ControlsHeld.Succeeded);
        Assert.Equal(2, report.Comparison.ControlsHeld.Items);
    }

    [Fact]
    public async Task Test_NoControlAnywhere_SaysWhatThatMeansForTheDecision()
    {
        using var client = TestClients.For(_server);

        var report = await new ActiveTester(client).RunAsync(Request(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, report.Comparison.ControlsHeld.Items);
        Assert.Contains(report.Notes, n => n.Contains("the decision rests on the failed items alone", StringComparison.Ordinal));
    }
}
