using PlexImprove.Core.Errors;

namespace PlexImprove.Sandbox.Scenarios;

/// <summary>A scenario folder or its <c>scenario.json</c> cannot be used; the message names the field.</summary>
public sealed class ScenarioManifestException : PlexImproveException
{
    public ScenarioManifestException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
