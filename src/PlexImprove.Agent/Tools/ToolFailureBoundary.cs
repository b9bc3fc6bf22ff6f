using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Agent.Tools;

/// <summary>
/// The one place where a tool's exception becomes an answer, for the kernel functions (loop, <c>diagnose</c>,
/// <c>chat</c>), the AIFunctions and the MCP tools alike. An expected failure (a domain error, a bad argument, a file
/// or site that cannot be read) keeps its message; anything else becomes a generic line naming the tool, and the
/// details go to the log, since an unexpected message may carry internals the model or client should not steer by.
/// Every message is masked. The caller's own cancellation is never turned into an answer: it propagates.
/// </summary>
public sealed class ToolFailureBoundary
{
    /// <summary>The prefix of every error answer.</summary>
    public const string ErrorPrefix = ToolOutput.ErrorPrefix;

    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;

    /// <param name="redactor">Masks secrets in every message and log line.</param>
    /// <param name="logger">Where unexpected failures are logged with their details (none: not logged).</param>
    public ToolFailureBoundary(SecretRedactor redactor, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        _redactor = redactor;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Whether <paramref name="exception"/> is the caller cancelling through <paramref name="cancellationToken"/> (it must propagate).</summary>
    public static bool IsCallerCancellation(Exception exception, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested && Unwrap(exception) is OperationCanceledException;

    /// <summary>What the tool <paramref name="toolName"/> tells its caller about <paramref name="exception"/>, masked, without the <see cref="ErrorPrefix"/>.</summary>
    public ToolFailure Classify(string toolName, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(toolName);
        ArgumentNullException.ThrowIfNull(exception);
        var inner = Unwrap(exception);
        string? expected = inner switch
        {
            PlexImproveException domain => domain.Message,
            KernelException or FormatException or JsonException or InvalidCastException
                => $"{inner.Message} {ArgumentsHint(toolName)}",
            ArgumentException or IOException or UnauthorizedAccessException => inner.Message,
            HttpRequestException http => $"{toolName} could not reach the server: {http.Message}",
            TimeoutException or OperationCanceledException => $"{toolName} stopped: it ran past its time limit. Narrow the request and try again.",
            _ => null,
        };
        if (expected is not null)
        {
            return new ToolFailure(toolName, Clean(expected), Expected: true);
        }

        var type = inner.GetType().Name;
        _logger.LogError("Tool {Tool} failed unexpectedly: {Details}", toolName, _redactor.Redact(inner.ToString()));
        return new ToolFailure(toolName, $"{toolName} failed unexpectedly ({type}); nothing more is said here, the details are in the log.", Expected: false);
    }

    /// <summary>The <c>Error: …</c> answer of a tool for <paramref name="exception"/>.</summary>
    public string ToAnswer(string toolName, Exception exception) => ErrorPrefix + Classify(toolName, exception).Message;

    /// <summary>
    /// The answer for a call that failed before the tool's body ran (Semantic Kernel binding the arguments): an
    /// expected failure there is the caller's argument, so the answer also says which tool to check it against.
    /// </summary>
    public string ToCallAnswer(string toolName, Exception exception)
    {
        var failure = Classify(toolName, exception);
        return ErrorPrefix + (failure.Expected && !failure.Message.Contains(ArgumentsHint(toolName), StringComparison.Ordinal)
            ? $"{failure.Message} {ArgumentsHint(toolName)}"
            : failure.Message);
    }

    private static string ArgumentsHint(string toolName) => $"(tool {toolName}; check the arguments against its description)";

    /// <summary>The canonical tool name of a tool method (<c>AggregateLogsAsync</c> is <c>aggregate_logs</c>).</summary>
    public static string ToolNameOf(string methodName)
    {
        ArgumentNullException.ThrowIfNull(methodName);
        var name = methodName.EndsWith("Async", StringComparison.Ordinal) ? methodName[..^5] : methodName;
        var snake = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLower(name[i], CultureInfo.InvariantCulture));
        }

        // The canonical name when one matches regardless of underscores (TestXPath is test_xpath, not test_x_path).
        var plain = snake.ToString().Replace("_", "", StringComparison.Ordinal);
        return ToolNames.All.FirstOrDefault(n => string.Equals(n.Replace("_", "", StringComparison.Ordinal), plain, StringComparison.Ordinal)) ?? snake.ToString();
    }

    private string Clean(string message) =>
        _redactor.Redact(string.IsNullOrWhiteSpace(message) ? "(no message)" : message.ReplaceLineEndings(" ").Trim());

    /// <summary>The failure behind the wrappers reflection, tasks and Semantic Kernel put around it.</summary>
    public static Exception Unwrap(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
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
                case KernelException { InnerException: { } wrapped } when wrapped is not KernelException:
                    exception = wrapped;
                    continue;
                default:
                    return exception;
            }
        }
    }
}
