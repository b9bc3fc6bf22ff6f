namespace PlexImprove.Sandbox.Hosting;

/// <summary>Where agent code running in the sandbox may connect.</summary>
public enum SandboxNetwork
{
    /// <summary>Only the scenario's fake sites (and the emulator as <c>127.0.0.1:32400</c>); anything else is refused and logged.</summary>
    Fake,

    /// <summary>The real network: a user's own agents reach the real sites from their own machine (pre-flight of a fix).</summary>
    Real,
}
