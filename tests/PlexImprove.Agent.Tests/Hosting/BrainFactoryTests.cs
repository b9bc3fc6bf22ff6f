using PlexImprove.Agent.Brains;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Tests.Hosting;

public sealed class BrainFactoryTests
{
    [Theory]
    [InlineData(null, true, BrainKind.Llm)]
    [InlineData(null, false, BrainKind.Playbook)]
    [InlineData("playbook", true, BrainKind.Playbook)]
    [InlineData("LLM", true, BrainKind.Llm)]
    public void Choose_DefaultsToTheLlmOnlyWhenOneIsConfigured(string? requested, bool configured, BrainKind expected) =>
        Assert.Equal(expected, BrainFactory.Choose(requested, configured, "configure it"));

    [Fact]
    public void Choose_LlmWithoutConfiguration_SaysHowToConfigure()
    {
        var e = Assert.Throws<InvalidInputException>(() => BrainFactory.Choose("llm", false, "set Llm:Provider"));

        Assert.Contains("set Llm:Provider", e.Message, StringComparison.Ordinal);
    }
}
