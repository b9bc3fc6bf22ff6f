namespace PlexImprove.Core.Logs;

/// <summary>How the Framework logs the request that runs an agent's update.</summary>
public static class UpdateRequest
{
    /// <summary>base64 of <c>_AgentKit:UpdateMetadata</c>, the messaging function of an update.</summary>
    public static ReadOnlySpan<byte> FunctionToken => "/messaging/function/X0FnZW50S2l0OlVwZGF0ZU1ldGFkYXRh"u8;
}
