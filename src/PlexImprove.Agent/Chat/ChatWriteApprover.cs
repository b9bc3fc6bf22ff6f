using PlexImprove.Agent.Hosting;

namespace PlexImprove.Agent.Chat;

/// <summary>Shows the user the exact change a writer tool would make and runs it only on "y"/"yes" (read from the chat's own input, so piped sessions work too).</summary>
public sealed class ChatWriteApprover : IWriteApprover
{
    private readonly TextReader _input;
    private readonly TextWriter _output;

    public ChatWriteApprover(TextReader input, TextWriter output)
    {
        _input = input;
        _output = output;
    }

    public async Task<string?> RefusalAsync(WriteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _output.WriteLineAsync().ConfigureAwait(false);
        await _output.WriteLineAsync(request.Describe()).ConfigureAwait(false);
        await _output.WriteAsync("Run it? [y/N] ").ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        string? answer = await _input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        await _output.WriteLineAsync().ConfigureAwait(false);
        return answer?.Trim().ToLowerInvariant() is "y" or "yes" ? null : "the user declined this change";
    }
}
