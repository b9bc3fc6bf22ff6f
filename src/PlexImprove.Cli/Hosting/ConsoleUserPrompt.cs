using PlexImprove.Plex.Restart;

namespace PlexImprove.Cli.Hosting;

/// <summary>Asks on the terminal (stderr for the text, stdin for the answer); not interactive when either is redirected.</summary>
public sealed class ConsoleUserPrompt : IUserPrompt
{
    private readonly CliContext _context;

    public ConsoleUserPrompt(CliContext context) => _context = context;

    public bool IsInteractive => !Console.IsInputRedirected && !Console.IsErrorRedirected;

    public async Task<bool> ConfirmAsync(string instructions, CancellationToken cancellationToken = default)
    {
        await _context.Error.WriteLineAsync(instructions).ConfigureAwait(false);
        await _context.Error.WriteAsync("Press Enter once Plex is running again (or type 'no' to stop): ").ConfigureAwait(false);
        string? answer = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return answer is not null && !answer.Trim().StartsWith('n');
    }
}
