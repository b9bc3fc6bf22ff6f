using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Research;

/// <summary>A research server is misconfigured, did not start, or did not answer in time. The message names the server.</summary>
public sealed class ResearchServerUnavailableException : PlexImproveException
{
    public ResearchServerUnavailableException(string server, string message, Exception? innerException = null)
        : base(message, innerException) => Server = server;

    /// <summary>The server's configured name.</summary>
    public string Server { get; }

    public override FailureKind Kind => FailureKind.BadInput;
}
