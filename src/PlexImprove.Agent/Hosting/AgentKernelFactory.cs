using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using OpenAI;
using PlexImprove.Core.Redaction;

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
        var logger = loggerFactory.CreateLogger("PlexImprove.Agent.Llm");
        var budget = new TokenBudget(options.MaxTokensPerPhase, options.MaxTokensPerRun, logger);
        var requests = new ModelRequestCap(options.MaxToolRounds);
        var http = CreateHttp(connection, transcript, budget, requests, options.WaitReport, options.Time);
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

        var rounds = new ToolRoundLimitFilter(options.MaxToolRounds, transcript);

        // Outermost first: stop on budget before anything runs, then the round cap, then record, then approve writers.
        // These see only calls of defined tools; the request meter under the connector counts every request.
        kernel.AutoFunctionInvocationFilters.Add(new TokenBudgetFilter(budget));
        kernel.AutoFunctionInvocationFilters.Add(rounds);
        kernel.AutoFunctionInvocationFilters.Add(new TranscriptFilter(transcript, logger));
        kernel.AutoFunctionInvocationFilters.Add(new WriterApprovalFilter(options.Approver, transcript));
        return new AgentKernel(kernel, connection, budget, rounds, requests, transcript, http, options.Research, options.ResearchReport);
    }

    private static LlmHttp CreateHttp(LlmConnection connection, LlmTranscript transcript, TokenBudget budget, ModelRequestCap requests, Action<string>? waitReport, TimeProvider time)
    {
        var services = new ServiceCollection();

        // The resilience pipeline takes its clock from here: back-off, Retry-After waits and time limits follow options.Time.
        services.AddSingleton(time);

        // Outside the resilience handler: a request is counted once however often it is retried.
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(() => new ModelRequestMeter(connection, budget, requests, time))
            .AddStandardResilienceHandler(o => Configure(o, connection, waitReport, time));

        // Inside the resilience handler: each attempt is recorded.
        services.AddHttpClient(HttpClientName).AddHttpMessageHandler(() => new TranscriptHttpHandler(transcript, connection));
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        return new LlmHttp(provider, client);
    }

    /// <summary>
    /// One attempt may take <see cref="LlmConnection.RequestTimeout"/>; the whole request every attempt plus the
    /// longest wait allowed between them. A Retry-After longer than <see cref="LlmConnection.MaxRetryAfter"/> is not
    /// retried (the meter refuses it with a message); a wait that is retried is reported, so it is never silent.
    /// </summary>
    internal static void Configure(HttpStandardResilienceOptions options, LlmConnection connection, Action<string>? waitReport = null, TimeProvider? time = null)
    {
        var attempt = connection.RequestTimeout;
        options.AttemptTimeout.Timeout = attempt;
        options.Retry.MaxRetryAttempts = connection.Retries;
        options.Retry.Delay = TimeSpan.FromSeconds(1);
        options.Retry.UseJitter = true;
        var clock = time ?? TimeProvider.System;
        options.Retry.ShouldHandle = args => args.Outcome.Result is { } response && ModelRequestMeter.RetryAfterBeyondLimit(response, connection, clock) is not null
            ? ValueTask.FromResult(false)
            : ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome));
        options.Retry.OnRetry = args =>
        {
            string why = args.Outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "a failure";
            waitReport?.Invoke(
                $"{LlmFailures.Where(connection)} answered {why}; waiting {args.RetryDelay.TotalSeconds:0.#} s before retry {args.AttemptNumber + 1} of {connection.Retries}" +
                (args.Outcome.Result?.Headers.RetryAfter is not null ? " (as its Retry-After asks; Llm:MaxRetryAfterSeconds caps it)." : "."));
            return default;
        };
        var longestWait = connection.MaxRetryAfter > TimeSpan.FromSeconds(30) ? connection.MaxRetryAfter : TimeSpan.FromSeconds(30);
        options.TotalRequestTimeout.Timeout = attempt * (connection.Retries + 1) + longestWait * connection.Retries;
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
