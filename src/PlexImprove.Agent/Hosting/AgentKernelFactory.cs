using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using OpenAI;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// Builds the Semantic Kernel the LLM brain and <c>chat</c> use: the OpenAI connector over an HttpClient with the
/// standard resilience handler (retries honour Retry-After; the SDK's own retries are off so they do not multiply),
/// the tools as one plugin, and the filters.
/// </summary>
public static class AgentKernelFactory
{
    private const string HttpClientName = "llm";

    public static AgentKernel Create(LlmConnection connection, AgentKernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var redactor = new SecretRedactor([connection.ApiKey == LlmConnection.LocalDummyKey ? null : connection.ApiKey, .. options.ExtraSecrets, .. options.Research?.SecretValues() ?? []]);
        var transcript = new LlmTranscript(options.TranscriptPath, redactor, options.Time);
        var http = CreateHttp(connection, transcript, options.Time);
        var client = new OpenAIClient(new ApiKeyCredential(connection.ApiKey), new OpenAIClientOptions
        {
            Endpoint = connection.Endpoint,
            Transport = new HttpClientPipelineTransport(http.Client),

            // The resilience handler retries (and honours Retry-After); SDK retries on top would multiply attempts.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        });

        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(loggerFactory);
        builder.AddOpenAIChatCompletion(connection.Model, client);
        var kernel = builder.Build();
        if (options.Registry is not null)
        {
            options.Registry.AddTo(kernel);
        }
        else if (options.Tools.Count > 0)
        {
            kernel.Plugins.AddFromFunctions(options.PluginName, options.Tools);
        }

        var logger = loggerFactory.CreateLogger("PlexImprove.Agent.Llm");
        var budget = new TokenBudget(options.MaxTokensPerPhase, options.MaxTokensPerRun, logger);
        var rounds = new ToolRoundLimitFilter(options.MaxToolRounds, transcript);

        // Outermost first: stop on budget before anything runs, then the round cap, then record, then approve writers.
        kernel.AutoFunctionInvocationFilters.Add(new TokenBudgetFilter(budget));
        kernel.AutoFunctionInvocationFilters.Add(rounds);
        kernel.AutoFunctionInvocationFilters.Add(new TranscriptFilter(transcript, logger));
        kernel.AutoFunctionInvocationFilters.Add(new WriterApprovalFilter(options.Approver, transcript));
        return new AgentKernel(kernel, connection, budget, rounds, transcript, http, options.Research, options.ResearchReport);
    }

    private static LlmHttp CreateHttp(LlmConnection connection, LlmTranscript transcript, TimeProvider time)
    {
        var services = new ServiceCollection();

        // The resilience pipeline takes its clock from here: back-off, Retry-After waits and time limits follow options.Time.
        services.AddSingleton(time);
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(o => Configure(o, connection));

        // Inside the resilience handler: each attempt is recorded.
        services.AddHttpClient(HttpClientName).AddHttpMessageHandler(() => new TranscriptHttpHandler(transcript));
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        return new LlmHttp(provider, client);
    }

    /// <summary>One attempt may take <see cref="LlmConnection.RequestTimeout"/>; the whole request every attempt plus back-off.</summary>
    internal static void Configure(HttpStandardResilienceOptions options, LlmConnection connection)
    {
        var attempt = connection.RequestTimeout;
        options.AttemptTimeout.Timeout = attempt;
        options.Retry.MaxRetryAttempts = connection.Retries;
        options.Retry.Delay = TimeSpan.FromSeconds(1);
        options.Retry.UseJitter = true;
        options.TotalRequestTimeout.Timeout = attempt * (connection.Retries + 1) + TimeSpan.FromSeconds(30 * connection.Retries);
        options.CircuitBreaker.SamplingDuration = attempt * 2 + TimeSpan.FromSeconds(1);
    }

    private sealed class LlmHttp(ServiceProvider provider, HttpClient client) : IDisposable
    {
        public HttpClient Client { get; } = client;

        public void Dispose()
        {
            Client.Dispose();
            provider.Dispose();
        }
    }
}
