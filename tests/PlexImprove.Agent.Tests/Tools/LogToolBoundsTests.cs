using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Tests.Tools;

/// <summary>The tools that walk the logs read at most so many files and bytes; past the bound they refuse before reading.</summary>
public sealed class LogToolBoundsTests : IDisposable
{
    private readonly ToolFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(ToolNames.AggregateLogs)]
    [InlineData(ToolNames.ListSignatures)]
    public async Task LogsPastTheFileBound_AreRefusedBeforeReading(string tool)
    {
        File.Copy(Path.Combine(_fixture.LogsDir, "com.plexapp.agents.Films.log"), Path.Combine(_fixture.LogsDir, "com.plexapp.agents.Films.log.1"));

        var answer = await _fixture.Registry(limits: new ToolOutputLimits { MaxLogFiles = 1 }).CallAsync(tool);

        Assert.StartsWith("Error: The selected logs are 2 file(s), ", answer, StringComparison.Ordinal);
        Assert.Contains("more than this call may read (1 files, 1024 MiB); nothing was read.", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogsPastTheByteBound_AreRefusedBeforeReading()
    {
        var answer = await _fixture.Registry(limits: new ToolOutputLimits { MaxLogBytes = 100 }).CallAsync(ToolNames.AggregateLogs);

        Assert.StartsWith("Error: The selected logs are 1 file(s), ", answer, StringComparison.Ordinal);
        Assert.Contains("(500 files, 0 MiB); nothing was read.", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogsWithinTheBounds_AreAggregated()
    {
        var answer = await _fixture.Registry(limits: new ToolOutputLimits { MaxLogFiles = 1 }).CallAsync(ToolNames.AggregateLogs);

        Assert.False(answer.StartsWith("Error: ", StringComparison.Ordinal), answer);
        Assert.Contains("Films", answer, StringComparison.Ordinal);
    }
}
