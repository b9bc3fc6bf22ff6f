using PlexImprove.Agent.Hosting;

namespace PlexImprove.Cli.Hosting;

/// <summary>The LLM brain (section <c>Llm</c>); the key comes only from <c>OPENAI_API_KEY</c> (environment or <c>.env</c>).</summary>
public sealed class LlmSettings
{
    /// <summary><c>openai</c>, <c>azure</c>, <c>ollama</c>, <c>lmstudio</c>, <c>vllm</c>, or <c>playbook</c> (no LLM). Default <c>playbook</c>.</summary>
    public string Provider { get; set; } = "playbook";

    /// <summary>The OpenAI-compatible API root, e.g. <c>http://localhost:11434/v1</c>. Default: the provider's (none for Azure).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The model (the deployment name on Azure). Default: the provider's (none for Azure and vLLM).</summary>
    public string Model { get; set; } = "";

    /// <summary>Tokens one phase may use (input + output over every request); 0 means no limit. Default 200 000.</summary>
    public long MaxTokensPerPhase { get; set; } = AgentKernelOptions.DefaultMaxTokensPerPhase;

    /// <summary>Tokens a whole run (or chat session) may use; 0 means no limit. Default 1 000 000.</summary>
    public long MaxTokensPerRun { get; set; } = AgentKernelOptions.DefaultMaxTokensPerRun;

    /// <summary>Tool rounds per phase before the model must answer. Default 12.</summary>
    public int MaxToolRounds { get; set; } = AgentKernelOptions.DefaultMaxToolRounds;

    /// <summary>How long one request may take. Default 180 s.</summary>
    public int RequestTimeoutSeconds { get; set; } = (int)LlmConnection.DefaultRequestTimeout.TotalSeconds;

    /// <summary>Retries of a failed request (429 honouring Retry-After, 5xx, timeouts). Default 3.</summary>
    public int Retries { get; set; } = LlmConnection.DefaultRetries;

    /// <summary>The largest answer taken from the model, in bytes; a larger one is dropped unread. Default 1 048 576 (1 MiB).</summary>
    public long MaxAnswerBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest <c>Retry-After</c> waited for (shown on stderr as it starts); a longer one is refused. Default 120 s.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 120;
}
