namespace PlexImprove.Sandbox.Scenarios;

/// <summary>An agent bundle under <c>Plug-ins/</c>: its folder and <c>CFBundleIdentifier</c>.</summary>
public sealed record PluginBundle(string Identifier, string Path);
