namespace PlexImprove.Agent.Brains.Playbook.Network;

/// <summary>How a request of an agent failed below HTTP, or with a server error, as the Framework's records tell.</summary>
public enum NetworkFailureKind
{
    /// <summary>The host name does not resolve (<c>Name or service not known</c>, <c>getaddrinfo failed</c>).</summary>
    Dns,

    /// <summary>Nothing listens where the name points (<c>Connection refused</c>).</summary>
    Refused,

    /// <summary>The connection was dropped mid-request (<c>Connection reset by peer</c>, <c>BadStatusLine</c>, <c>IncompleteRead</c>).</summary>
    Reset,

    /// <summary>The TLS handshake of the Python 2.7 runtime failed (<c>SSL</c>, <c>handshake</c>, <c>EOF occurred in violation of protocol</c>).</summary>
    Tls,

    /// <summary>The site answered with a 5xx status.</summary>
    ServerError,
}
