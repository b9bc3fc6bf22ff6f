using Microsoft.SemanticKernel;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Tests.Tools;

public sealed class ToolRegistryTests : IDisposable
{
    private readonly ToolFixture _fixture = new();

    [Fact]
    public void Create_ExposesExactlyTheCanonicalNames_InOrder()
    {
        var registry = _fixture.Registry();

        Assert.Equal(ToolNames.All, registry.Tools.Select(t => t.Name));
    }

    [Fact]
    public void Create_KernelPluginHoldsEveryToolOnce()
    {
        var plugin = _fixture.Registry().ToKernelPlugin();

        Assert.Equal(ToolRegistry.PluginName, plugin.Name);
        Assert.Equal(ToolNames.All.Order(StringComparer.Ordinal), plugin.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Create_FlagsExactlyTheWritersAsWriter()
    {
        var registry = _fixture.Registry();

        var writers = registry.Tools.Where(t => t.Access == ToolAccess.Writer).Select(t => t.Name).ToHashSet();
        Assert.Equal(ToolNames.Writers.Order(StringComparer.Ordinal), writers.Order(StringComparer.Ordinal));
        var apply = registry.Find(ToolNames.ApplyPatch)!;
        Assert.True(apply.Destructive);
        Assert.False(apply.Idempotent);
        Assert.True(registry.Find(ToolNames.FetchPage)!.OpenWorld);
        Assert.Equal(ToolAccess.ReadOnly, registry.Find(ToolNames.ReadAgentFile)!.Access);
        Assert.True(registry.Find(ToolNames.ReadAgentFile)!.Idempotent);
    }

    [Fact]
    public void Create_EveryFunctionAndParameterHasADescription()
    {
        var registry = _fixture.Registry();

        foreach (var tool in registry.Tools)
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), $"{tool.Name} has no description");
            Assert.Equal(tool.Function.Description, tool.Description);
            foreach (var parameter in tool.Function.Metadata.Parameters)
            {
                Assert.False(string.IsNullOrWhiteSpace(parameter.Description), $"{tool.Name}.{parameter.Name} has no description");
            }
        }
    }

    [Theory]
    [InlineData("read_agent_file", "read_agent_file")]
    [InlineData("plex-read_agent_file", "read_agent_file")]
    [InlineData("plex_read_agent_file", "read_agent_file")]
    [InlineData("plex-plex_status", "plex_status")]
    [InlineData("plex_status", "plex_status")]
    [InlineData("unknown_tool", "unknown_tool")]
    public void CanonicalName_MapsModelFacingNamesBack(string seen, string canonical) =>
        Assert.Equal(canonical, ToolRegistry.CanonicalName(seen));

    [Fact]
    public void Find_AcceptsTheNameAModelSees()
    {
        var registry = _fixture.Registry();

        Assert.Equal(ToolNames.ListBackups, registry.Find(ToolRegistry.ModelName(ToolNames.ListBackups))!.Name);
        Assert.Null(registry.Find("drop_database"));
    }

    [Fact]
    public async Task InvokeThroughKernel_BadArgument_GivesReadableErrorResult()
    {
        var kernel = new Kernel();
        _fixture.Registry().AddTo(kernel);

        var result = await kernel.InvokeAsync(ToolRegistry.PluginName, ToolNames.ReadLogExcerpt,
            new KernelArguments { ["file"] = "com.plexapp.agents.Films.log", ["startLine"] = "not a number" }, TestContext.Current.CancellationToken);

        var text = result.GetValue<string>()!;
        Assert.StartsWith("Error: ", text, StringComparison.Ordinal);
        Assert.Contains("read_log_excerpt", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeThroughKernel_MissingRequiredArgument_GivesReadableErrorResult()
    {
        var kernel = new Kernel();
        _fixture.Registry().AddTo(kernel);

        var result = await kernel.InvokeAsync(ToolRegistry.PluginName, ToolNames.ReadAgentFile, new KernelArguments(), TestContext.Current.CancellationToken);

        Assert.StartsWith("Error: ", result.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeThroughKernel_GoodArguments_RunsTheTool()
    {
        var kernel = new Kernel();
        _fixture.Registry().AddTo(kernel);

        var result = await kernel.InvokeAsync(ToolRegistry.PluginName, ToolNames.ReadAgentFile,
            new KernelArguments { ["path"] = "Films.bundle/Contents/Code/__init__.py", ["startLine"] = "4", ["endLine"] = 4 }, TestContext.Current.CancellationToken);

        Assert.Contains("4: BASE_URL = 'http://films.example'", result.GetValue<string>(), StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();
}
