namespace PlexImprove.Agent.Sites;

/// <summary>
/// A site's name resolved only to addresses of this machine or its networks (loopback, private, link-local …), so
/// nothing was connected: a name in agent code or on a page must not lead the fetcher into the local network.
/// </summary>
public sealed class NonPublicAddressException : IOException
{
    public NonPublicAddressException(string message)
        : base(message)
    {
    }
}
