using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Tests.Tools;

/// <summary>The tools as Microsoft.Extensions.AI functions (what the MCP server and an IChatClient use).</summary>
public sealed class AIFunctionBridgeTests : IDisposable
{
    private readonly ToolFixture _fixture = new();

    [Fact]
    public void ToAIFunctions_GivesEveryToolUnderItsCanonicalName()
    {
        var functions = _fixture.Registry().ToAIFunctions(new Kernel());

        Assert.Equal(ToolNames.All, functions.Select(f => f.Name));
        Assert.All(functions, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));
        Assert.All(functions, f => Assert.Contains("\"properties\"", f.JsonSchema.GetRawText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ToAIFunctions_GoodCallRuns()
    {
        var kernel = new Kernel();
        var registry = _fixture.Registry();
        AIFunction function = registry.ToAIFunctions(kernel).Single(f => f.Tool.Name == ToolNames.SearchAgentCode);

        var result = await function.InvokeAsync(new AIFunctionArguments { ["pattern"] = "BASE_URL =" }, TestContext.Current.CancellationToken);

        Assert.Equal(ToolNames.SearchAgentCode, function.Name);
        Assert.Contains("Films.bundle/Contents/Code/__init__.py:4: BASE_URL", result?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToAIFunctions_BadArgument_GivesAReadableErrorResult()
    {
        var kernel = new Kernel();
        var registry = _fixture.Registry();
        AIFunction function = registry.ToAIFunctions(kernel).Single(f => f.Tool.Name == ToolNames.ReadAgentFile);

        var result = await function.InvokeAsync(new AIFunctionArguments { ["path"] = "Films.bundle/Contents/Code/__init__.py", ["startLine"] = "first" }, TestContext.Current.CancellationToken);

        Assert.StartsWith("Error: ", result?.ToString(), StringComparison.Ordinal);
        Assert.Contains("startLine", result?.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();
}
