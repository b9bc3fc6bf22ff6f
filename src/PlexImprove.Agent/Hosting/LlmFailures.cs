using System.ClientModel;
using System.Net;
using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// Turns what the OpenAI connector throws into messages a user can act on: an unreachable endpoint, a rejected
/// key or an unknown model are configuration (exit 2, naming the endpoint and what to check); a server that keeps
/// failing or timing out is a failed run (exit 1, naming the setting to raise); a connection that breaks off
/// mid-answer and any answer the connector cannot read are a failed run too, never a stack trace.
/// </summary>
public static class LlmFailures
{
    /// <summary>Runs one model call and maps every failure to a domain exception; cancellation by the caller passes through.</summary>
    public static async Task<T> GuardAsync<T>(LlmConnection connection, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not PlexImproveException && !cancellationToken.IsCancellationRequested)
        {
            throw Map(connection, e) ?? Unreadable(connection, e);
        }
    }

    /// <summary>An answer the connector could not use (a shape it does not expect, a field it cannot parse).</summary>
    public static LlmUnavailableException Unreadable(LlmConnection connection, Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new LlmUnavailableException(
            $"{Where(connection)} gave an answer that cannot be used ({e.GetType().Name}: {Short(e.Message)}); nothing was written from it. " +
            "The exchange is in llm_transcript.jsonl in the run folder; try again, or use a model that follows the OpenAI chat/completions format.",
            FailureKind.WorkFailed, e);
    }

    /// <summary>The domain exception for <paramref name="e"/>, or null when it is not a transport or API failure.</summary>
    public static LlmUnavailableException? Map(LlmConnection connection, Exception e)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string where = Where(connection);
        int? status = StatusOf(e);
        if (status is 401 or 403)
        {
            return new LlmUnavailableException(
                $"{where} rejected the API key (HTTP {status}). Check OPENAI_API_KEY (environment or .env) and that it is valid for this endpoint.",
                FailureKind.BadInput, e);
        }

        if (status == 404)
        {
            return new LlmUnavailableException(
                $"{where} answered 404: check Llm:Endpoint (it must end in the API root, e.g. /v1) and that Llm:Model names a model the server serves.",
                FailureKind.BadInput, e);
        }

        if (status is 400 or 422)
        {
            return new LlmUnavailableException(
                $"{where} refused the request (HTTP {status}): {Short(e.Message)} Check that the model supports tool calls and JSON-schema output.",
                FailureKind.WorkFailed, e);
        }

        if (status is 429 || status >= 500)
        {
            return new LlmUnavailableException(
                $"{where} kept failing (HTTP {status}) after {connection.Retries} retries. Try again later, or raise Llm:Retries.",
                FailureKind.WorkFailed, e);
        }

        if (Find<TimeoutRejectedException>(e) is not null || Find<TaskCanceledException>(e) is not null)
        {
            return new LlmUnavailableException(
                $"{where} did not answer within {connection.RequestTimeout.TotalSeconds:0} s, {connection.Retries + 1} times. Raise Llm:RequestTimeoutSeconds for a slow model, or check the server.",
                FailureKind.WorkFailed, e);
        }

        if (Find<BrokenCircuitException>(e) is not null)
        {
            return new LlmUnavailableException(
                $"{where} failed too often in a row; requests are paused. Check the server and try again in a minute.",
                FailureKind.WorkFailed, e);
        }

        if (Find<HttpRequestException>(e) is { } network)
        {
            return new LlmUnavailableException(
                $"{where} cannot be reached ({Short(network.Message)}). Check Llm:Endpoint (or --llm-endpoint), that the server is running and that this machine can reach it.",
                FailureKind.BadInput, e);
        }

        if (Find<IOException>(e) is { } broken)
        {
            return new LlmUnavailableException(
                $"The connection to {where} broke off before the answer was complete ({Short(broken.Message)}); nothing was written from the partial answer. Try again; if it keeps happening, check the server and any proxy in between.",
                FailureKind.WorkFailed, e);
        }

        return null;
    }

    /// <summary>The endpoint, provider and model, for messages (never the key).</summary>
    public static string Where(LlmConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return $"the LLM endpoint {connection.Endpoint} ({connection.Provider.ToString().ToLowerInvariant()}, model '{connection.Model}')";
    }

    private static int? StatusOf(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case HttpOperationException { StatusCode: { } code }:
                    return (int)code;
                case ClientResultException { Status: > 0 } client:
                    return client.Status;
                case HttpRequestException { StatusCode: { } httpCode } when httpCode != HttpStatusCode.OK:
                    return (int)httpCode;
            }
        }

        return null;
    }

    private static T? Find<T>(Exception e)
        where T : Exception
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Short(string message)
    {
        string line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
