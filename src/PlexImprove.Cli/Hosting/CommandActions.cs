using System.CommandLine;
using PlexImprove.Core.Errors;

namespace PlexImprove.Cli.Hosting;

/// <summary>
/// Gives every command the same failure handling: expected failures print their message (no stack
/// trace) and map to the documented exit code; Ctrl+C maps to 130.
/// </summary>
public static class CommandActions
{
    public static void SetAction(this Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await action(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (PlexImproveException e)
            {
                await context.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return (int)e.Kind;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync("cancelled.").ConfigureAwait(false);
                return ExitCodes.Cancelled;
            }
        });
}
