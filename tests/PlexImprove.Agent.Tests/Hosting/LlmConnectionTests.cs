using PlexImprove.Agent.Hosting;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Tests.Hosting;

public sealed class LlmConnectionTests
{
    [Theory]
    [InlineData(LlmProvider.OpenAI, "https://api.openai.com/v1", "gpt-4.1-mini")]
    [InlineData(LlmProvider.Ollama, "http://localhost:11434/v1", "qwen2.5-coder:14b")]
    [InlineData(LlmProvider.LmStudio, "http://localhost:1234/v1", "local-model")]
    public void Resolve_EmptySettings_UsesTheProviderDefaults(LlmProvider provider, string endpoint, string model)
    {
        var connection = LlmConnection.Resolve(provider, "", "", "sk-test-0123456789abcdef");

        Assert.Equal(new Uri(endpoint), connection.Endpoint);
        Assert.Equal(model, connection.Model);
    }

    [Fact]
    public void Resolve_LocalProviderWithoutKey_GetsTheDummyKey() =>
        Assert.Equal(LlmConnection.LocalDummyKey, LlmConnection.Resolve(LlmProvider.Ollama, null, null, null).ApiKey);

    [Fact]
    public void Resolve_OpenAiWithoutKey_SaysWhereToPutIt()
    {
        var e = Assert.Throws<InvalidInputException>(() => LlmConnection.Resolve(LlmProvider.OpenAI, null, null, null));

        Assert.Contains("OPENAI_API_KEY", e.Message, StringComparison.Ordinal);
        Assert.Contains(".env", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AzureBareHost_GetsTheV1ApiRoot_AndNeedsADeployment()
    {
        var connection = LlmConnection.Resolve(LlmProvider.Azure, "https://contoso.openai.azure.com/", "my-deployment", "key-0123456789");
        var missing = Assert.Throws<InvalidInputException>(() => LlmConnection.Resolve(LlmProvider.Azure, "https://contoso.openai.azure.com", null, "key-0123456789"));

        Assert.Equal(new Uri("https://contoso.openai.azure.com/openai/v1"), connection.Endpoint);
        Assert.Contains("deployment name", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://gpu-box:8000", "http://gpu-box:8000/v1")]
    [InlineData("http://gpu-box:8000/v1/", "http://gpu-box:8000/v1")]
    public void Resolve_Endpoint_EndsInTheApiRoot(string given, string expected) =>
        Assert.Equal(new Uri(expected), LlmConnection.Resolve(LlmProvider.Vllm, given, "m", null).Endpoint);

    [Theory]
    [InlineData("ftp://host/v1")]
    [InlineData("localhost:11434")]
    public void Resolve_EndpointNotHttp_IsBadInput(string endpoint)
    {
        var error = Assert.Throws<InvalidInputException>(() => LlmConnection.Resolve(LlmProvider.Ollama, endpoint, null, null));
        Assert.Contains($"Llm:Endpoint '{endpoint}' is not an http(s) URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseProvider_UnknownName_ListsTheKnownOnes()
    {
        var e = Assert.Throws<InvalidInputException>(() => LlmConnection.ParseProvider("claude"));

        Assert.Contains("openai, azure, ollama, lmstudio, vllm or playbook", e.Message, StringComparison.Ordinal);
        Assert.Null(LlmConnection.ParseProvider("playbook"));
    }

    [Fact]
    public void ToString_NeverShowsTheKey() =>
        Assert.DoesNotContain("sk-secret", LlmConnection.Resolve(LlmProvider.OpenAI, null, null, "sk-secret-0123456789").ToString(), StringComparison.Ordinal);
}
