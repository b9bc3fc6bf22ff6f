using Microsoft.SemanticKernel;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Tests.Tools;

/// <summary>Calls a registry's tool the way a model does: by name, with string-valued arguments, through a kernel.</summary>
internal static class ToolCalls
{
    public static async Task<string> CallAsync(this ToolRegistry registry, string tool, params (string Name, object? Value)[] arguments)
    {
        var kernel = new Kernel();
        registry.AddTo(kernel);
        var args = new KernelArguments();
        foreach (var (name, value) in arguments)
        {
            args[name] = value;
        }

        var result = await kernel.InvokeAsync(registry.Find(tool)!.Function, args, TestContext.Current.CancellationToken);
        return result.GetValue<string>() ?? "";
    }
}
