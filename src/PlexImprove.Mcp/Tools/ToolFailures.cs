using System.Reflection;
using Microsoft.SemanticKernel;
using ModelContextProtocol;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Mcp.Tools;

/// <summary>
/// Turns what a tool threw into an <see cref="McpException"/> whose message the client shows its user: the domain
/// message for expected failures, the tool's name and the problem for anything else, never a stack trace or a secret.
/// </summary>
internal static class ToolFailures
{
    public static McpException ToMcpException(string toolName, Exception exception, SecretRedactor redactor)
    {
        var inner = Unwrap(exception);
        string message = inner switch
        {
            McpException mcp => mcp.Message,
            PlexImproveException domain => domain.Message,
            KernelException or ArgumentException or FormatException or System.Text.Json.JsonException
                => $"{toolName}: bad arguments: {inner.Message}",
            UnauthorizedAccessException or IOException => $"{toolName} failed: {inner.Message}",
            _ => $"{toolName} failed ({inner.GetType().Name}): {inner.Message}",
        };
        return new McpException(redactor.Redact(message));
    }

    private static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    continue;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    continue;
                case KernelException { InnerException: PlexImproveException or McpException } wrapped:
                    exception = wrapped.InnerException!;
                    continue;
                default:
                    return exception;
            }
        }
    }
}
