namespace PlexImprove.Core.Changes.Files;

/// <summary>One <c>*.bundle</c> folder of the Plug-ins folder and the identifier Plex knows it by.</summary>
/// <param name="Identifier">The <c>CFBundleIdentifier</c> from <c>Contents/Info.plist</c> (<c>com.plexapp.agents.iafd</c>).</param>
/// <param name="Folder">The bundle folder's name (<c>IAFD.bundle</c>).</param>
public sealed record PluginBundle(string Identifier, string Folder);
