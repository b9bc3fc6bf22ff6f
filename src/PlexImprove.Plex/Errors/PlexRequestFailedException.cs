using System.Net;
using PlexImprove.Core.Errors;

namespace PlexImprove.Plex.Errors;

/// <summary>Plex answered a request with an error the client cannot work around (exit code 1).</summary>
public sealed class PlexRequestFailedException : PlexImproveException
{
    public PlexRequestFailedException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>The HTTP status, when there was an answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    public override FailureKind Kind => FailureKind.WorkFailed;
}
