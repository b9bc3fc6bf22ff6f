namespace PlexImprove.Sandbox.Providers;

/// <summary>A provider request that cannot be answered with metadata: the HTTP status and why, for the caller.</summary>
public sealed class ProviderRequestException : Exception
{
    public ProviderRequestException(int statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>400 malformed request, 404 unknown item, 502 the agent raised, 503 it is not running, 504 it took too long.</summary>
    public int StatusCode { get; }

    public static ProviderRequestException BadRequest(string message) => new(400, message);

    public static ProviderRequestException NotFound(string message) => new(404, message);
}
