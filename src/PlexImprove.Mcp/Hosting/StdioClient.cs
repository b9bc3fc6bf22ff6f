namespace PlexImprove.Mcp.Hosting;

/// <summary>
/// Whether the stdio client is still there. The SDK notices the end of stdin only once the calls in flight have
/// returned, so a call waiting on a slow site or Plex would keep the process alive for minutes after the editor closed.
/// Reading stdin through <see cref="Watch"/> turns its end into the cancellation of every call in flight.
/// </summary>
public sealed class StdioClient : IDisposable
{
    private readonly CancellationTokenSource _gone = new();

    /// <summary>Cancelled when stdin ends or breaks.</summary>
    public CancellationToken Gone => _gone.Token;

    /// <summary>The client's input, which reports its end here.</summary>
    public Stream Watch(Stream input) => new EndOfInputStream(input, MarkGone);

    public void Dispose() => _gone.Dispose();

    private void MarkGone()
    {
        try
        {
            _gone.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The host is already shutting down.
        }
    }
}
