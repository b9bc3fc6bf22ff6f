namespace PlexImprove.Sandbox.Scenarios;

/// <summary>An agent bundle under <c>Plug-ins/</c>: its folder and <c>CFBundleIdentifier</c>.</summary>
public sealed record PluginBundle(string Identifier, string Path)
{
    /// <summary>Whether its Info.plist declares <c>PlexPluginCodePolicy</c> = <c>Elevated</c> (read once, by the plist reader the gate uses).</summary>
    public bool Elevated { get; init; }
}
