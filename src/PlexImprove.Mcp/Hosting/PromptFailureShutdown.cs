using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PlexImprove.Mcp.Hosting;

/// <summary>
/// How a started server ends: at its usual shutdown (the client closed stdin, Ctrl+C), or when the prompt files, still
/// being parsed when it started, turn out broken. That stops it the way a shutdown does, and the prompts' error is then
/// what the call ends with (exit 2 naming the file and line), as if start-up had failed.
/// </summary>
internal static class PromptFailureShutdown
{
    public static async Task WaitForShutdownOrPromptFailureAsync(this IHost host, Task prompts, CancellationToken cancellationToken)
    {
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        _ = prompts.ContinueWith(_ => lifetime.StopApplication(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        await prompts.ConfigureAwait(false);
    }
}
