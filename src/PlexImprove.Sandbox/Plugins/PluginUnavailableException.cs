using PlexImprove.Core.Errors;

namespace PlexImprove.Sandbox.Plugins;

/// <summary>A plugin process could not start or stopped answering; the plugin log says why.</summary>
public sealed class PluginUnavailableException : PlexImproveException
{
    public PluginUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.WorkFailed;
}
