using PlexImprove.Core.Errors;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>The sandbox's port is taken (perhaps by another sandbox).</summary>
public sealed class SandboxPortInUseException : PlexImproveException
{
    public SandboxPortInUseException(int port, Exception? innerException = null)
        : base($"Port {port} on 127.0.0.1 is already in use. Stop whatever listens there, or pick another port with --port N (--port 0 picks a free one).", innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
