namespace PlexImprove.Agent.Hosting;

/// <summary>The OpenAI-compatible servers the LLM brain talks to (<c>Llm:Provider</c>); each has its own defaults.</summary>
public enum LlmProvider
{
    OpenAI,

    /// <summary>Azure OpenAI through its v1 endpoint (<c>https://RESOURCE.openai.azure.com/openai/v1</c>); the model is the deployment name.</summary>
    Azure,
    Ollama,
    LmStudio,
    Vllm,
}
