using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace PlexImprove.Agent.Tools;

/// <summary>
/// A tool as a Microsoft.Extensions.AI function under its canonical name (what the MCP server and an
/// <see cref="IChatClient"/> use). Invoking an AIFunction bypasses the kernel's filters, so a failure before the tool
/// body runs (a malformed argument) is turned into an <c>Error: …</c> result here by the same <see cref="ToolFailureBoundary"/> <see cref="ToolErrorFilter"/> uses
/// for kernel calls.
/// </summary>
public sealed class ToolAIFunction : DelegatingAIFunction
{
    private readonly ToolFailureBoundary _failures;

    internal ToolAIFunction(AgentTool tool, Kernel kernel, ToolFailureBoundary failures)
        : base(tool.Function.WithKernel(kernel))
    {
        Tool = tool;
        _failures = failures;
    }

    /// <summary>The tool behind this function (access, hints).</summary>
    public AgentTool Tool { get; }

    /// <summary>The canonical name (<c>read_agent_file</c>), never a plugin-prefixed one.</summary>
    public override string Name => Tool.Name;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!ToolFailureBoundary.IsCallerCancellation(e, cancellationToken))
        {
            return _failures.ToCallAnswer(Tool.Name, e);
        }
    }
}
