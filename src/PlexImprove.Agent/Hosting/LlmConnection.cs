using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// Where and how the LLM brain reaches its model: provider, endpoint (always ending in the API root such as
/// <c>/v1</c>), model and key, with the defaults of each provider applied. The key is held, never printed.
/// </summary>
public sealed class LlmConnection
{
    /// <summary>The key local servers get: they ignore it, but the OpenAI client refuses an empty one.</summary>
    public const string LocalDummyKey = "not-needed";

    /// <summary>One request's time limit when <c>Llm:RequestTimeoutSeconds</c> is not set: a model writing a report is slow.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(180);

    /// <summary>Retries of a failed request when <c>Llm:Retries</c> is not set.</summary>
    public const int DefaultRetries = 3;

    public required LlmProvider Provider { get; init; }
    public required Uri Endpoint { get; init; }
    public required string Model { get; init; }
    public required string ApiKey { get; init; }

    /// <summary>How long one request may take before it is retried. Default 180 s (a model writing a report is slow).</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>Retries of a failed request (429 honouring Retry-After, 5xx, timeouts) by the resilience handler. Default 3.</summary>
    public int Retries { get; init; } = DefaultRetries;

    /// <summary>The longest answer (bytes of the body) taken from the model; a larger one is dropped unread. Default 1 MiB.</summary>
    public long MaxAnswerBytes { get; init; } = DefaultMaxAnswerBytes;

    /// <summary>The longest wait a <c>Retry-After</c> may ask for before a retry; a longer one is refused. Default 120 s.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = DefaultMaxRetryAfter;

    /// <summary>The default of <see cref="MaxAnswerBytes"/>: far above a diagnosis with patches, far below what hurts memory.</summary>
    public const long DefaultMaxAnswerBytes = 1024 * 1024;

    /// <summary>The default of <see cref="MaxRetryAfter"/>.</summary>
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(120);

    /// <summary>Parses a provider name (<c>openai|azure|ollama|lmstudio|vllm</c>); null for <c>playbook</c> or empty (no LLM).</summary>
    public static LlmProvider? ParseProvider(string? name) => (name ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "playbook" or "none" => null,
        "openai" => LlmProvider.OpenAI,
        "azure" or "azure-openai" => LlmProvider.Azure,
        "ollama" => LlmProvider.Ollama,
        "lmstudio" or "lm-studio" => LlmProvider.LmStudio,
        "vllm" => LlmProvider.Vllm,
        var other => throw new InvalidInputException(
            $"Llm:Provider '{other}' is not known; use openai, azure, ollama, lmstudio, vllm or playbook."),
    };

    /// <summary>The endpoint a provider uses when <c>Llm:Endpoint</c> is empty (Azure has none: it names your resource).</summary>
    public static Uri? DefaultEndpoint(LlmProvider provider) => provider switch
    {
        LlmProvider.OpenAI => new Uri("https://api.openai.com/v1"),
        LlmProvider.Ollama => new Uri("http://localhost:11434/v1"),
        LlmProvider.LmStudio => new Uri("http://localhost:1234/v1"),
        LlmProvider.Vllm => new Uri("http://localhost:8000/v1"),
        _ => null,
    };

    /// <summary>The model a provider uses when <c>Llm:Model</c> is empty; null where the user must name one (Azure deployments, vLLM).</summary>
    public static string? DefaultModel(LlmProvider provider) => provider switch
    {
        LlmProvider.OpenAI => "gpt-4.1-mini",
        LlmProvider.Ollama => "qwen2.5-coder:14b",
        LlmProvider.LmStudio => "local-model",
        _ => null,
    };

    /// <summary>Whether the provider needs a real key (<c>OPENAI_API_KEY</c>).</summary>
    public static bool NeedsKey(LlmProvider provider) => provider is LlmProvider.OpenAI or LlmProvider.Azure;

    /// <summary>Applies defaults and checks the combination; every problem is an <see cref="InvalidInputException"/> saying what to set.</summary>
    public static LlmConnection Resolve(LlmProvider provider, string? endpoint, string? model, string? apiKey, TimeSpan? requestTimeout = null, int? retries = null,
        long? maxAnswerBytes = null, TimeSpan? maxRetryAfter = null)
    {
        string providerName = provider.ToString().ToLowerInvariant();
        Uri uri;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            uri = DefaultEndpoint(provider) ?? throw new InvalidInputException(
                $"Llm:Endpoint is required for {providerName}: set it to https://YOUR-RESOURCE.openai.azure.com/openai/v1 (or pass --llm-endpoint).");
        }
        else if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidInputException($"Llm:Endpoint '{endpoint}' is not an http(s) URL; for example http://localhost:11434/v1.");
        }
        else
        {
            uri = WithApiRoot(provider, parsed);
        }

        string? resolvedModel = string.IsNullOrWhiteSpace(model) ? DefaultModel(provider) : model.Trim();
        if (resolvedModel is null)
        {
            throw new InvalidInputException(provider == LlmProvider.Azure
                ? "Llm:Model is required for azure: set it to your deployment name (or pass --llm-model)."
                : $"Llm:Model is required for {providerName}: set it to the model the server serves (or pass --llm-model).");
        }

        string key;
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            key = apiKey.Trim();
        }
        else if (NeedsKey(provider))
        {
            throw new InvalidInputException(
                $"{providerName} needs an API key: set OPENAI_API_KEY in the environment or in the .env file next to appsettings.json.");
        }
        else
        {
            key = LocalDummyKey;
        }

        var timeout = requestTimeout ?? TimeSpan.FromSeconds(180);
        if (timeout <= TimeSpan.Zero)
        {
            throw new InvalidInputException("Llm:RequestTimeoutSeconds must be at least 1.");
        }

        int retryCount = retries ?? 3;
        if (retryCount is < 1 or > 10)
        {
            throw new InvalidInputException("Llm:Retries must be between 1 and 10.");
        }

        long answerCap = maxAnswerBytes ?? DefaultMaxAnswerBytes;
        if (answerCap < 16 * 1024)
        {
            throw new InvalidInputException("Llm:MaxAnswerBytes must be at least 16384 (16 KiB).");
        }

        var retryAfterCap = maxRetryAfter ?? DefaultMaxRetryAfter;
        if (retryAfterCap < TimeSpan.Zero)
        {
            throw new InvalidInputException("Llm:MaxRetryAfterSeconds must be 0 or more.");
        }

        return new LlmConnection
        {
            Provider = provider, Endpoint = uri, Model = resolvedModel, ApiKey = key, RequestTimeout = timeout, Retries = retryCount,
            MaxAnswerBytes = answerCap, MaxRetryAfter = retryAfterCap,
        };
    }

    /// <summary>A bare host gets the provider's API root (<c>/v1</c>, or <c>/openai/v1</c> for Azure); a trailing slash is dropped.</summary>
    private static Uri WithApiRoot(LlmProvider provider, Uri uri)
    {
        string path = uri.AbsolutePath.TrimEnd('/');
        if (path.Length == 0)
        {
            path = provider == LlmProvider.Azure ? "/openai/v1" : "/v1";
        }

        return new UriBuilder(uri) { Path = path, Query = "" }.Uri;
    }

    /// <summary>Endpoint and model, safe to print (no key).</summary>
    public override string ToString() => $"{Provider.ToString().ToLowerInvariant()} {Model} at {Endpoint}";
}
