using PlexImprove.Agent.Preflight;
using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tests.Tools;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Tests.Preflight;

/// <summary><c>preflight_fix</c>: the pre-flight as a read-only tool for chat and MCP.</summary>
public sealed class PreflightToolTests : IDisposable
{
    private readonly ToolFixture _fixture = new();

    [Fact]
    public async Task PreflightFix_RunsThePatchGiven_AndAnswersWithTheCountAndEachItem()
    {
        var preflight = new RecordingPreflight();
        const string patch = "{\"edits\":[{\"file\":\"Films.bundle/Contents/Code/__init__.py\",\"search\":\"a\",\"replace\":\"b\"}]}";

        var json = await Registry(_ => Task.FromResult<IFixPreflight>(preflight)).CallAsync(ToolNames.PreflightFix, ("agent", "com.plexapp.agents.Films"), ("patch", patch), ("items", 3));

        Assert.Contains("preflight: 1/1 failing items now match", json, StringComparison.Ordinal);
        var request = Assert.Single(preflight.Requests);
        Assert.Equal("com.plexapp.agents.Films", request.Agent);
        Assert.Equal(patch, request.Fix.Patch!.Diff);
        Assert.True(preflight.Disposed);
    }

    [Fact]
    public async Task PreflightFix_WithoutTheRuntime_SaysPreflightIsNotAvailable()
    {
        var answer = await Registry(null).CallAsync(ToolNames.PreflightFix, ("agent", "com.plexapp.agents.Films"), ("patch", "x"));

        Assert.StartsWith("Error:", answer, StringComparison.Ordinal);
        Assert.Contains("Pre-flight is not available", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreflightFix_ItemsOutOfRange_IsRefusedWithTheRange()
    {
        var answer = await Registry(_ => Task.FromResult<IFixPreflight>(new RecordingPreflight())).CallAsync(ToolNames.PreflightFix, ("agent", "com.plexapp.agents.Films"), ("patch", "x"), ("items", 50));

        Assert.Contains("items must be between 1 and 20", answer, StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();

    private ToolRegistry Registry(Func<CancellationToken, Task<IFixPreflight>>? factory) => ToolRegistry.Create(new ToolEnvironment
    {
        PluginsDir = _fixture.PluginsDir,
        LogsDir = _fixture.LogsDir,
        WorkDir = _fixture.WorkDir,
        LessonsPath = _fixture.LessonsPath,
        PythonFactory = TestPython.RuntimeAsync,
        PageFetcher = new PageFetcher(),
        PreflightFactory = factory,
    });

    private sealed class RecordingPreflight : IFixPreflight, IAsyncDisposable
    {
        public List<PreflightRequest> Requests { get; } = [];

        public bool Disposed { get; private set; }

        public int MaxItems => 5;

        public Task<PreflightResult> RunAsync(PreflightRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new PreflightResult
            {
                FixId = request.Fix.Id,
                Agent = request.Agent,
                Ran = true,
                Items = [new PreflightItemResult { Item = new PreflightItem { RatingKey = "1", Name = "Dune" }, Outcome = PreflightItemOutcome.Matched, Title = "Dune" }],
            });
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
