namespace PlexImprove.Core.Changes.Files;

/// <summary>
/// The Plug-ins folder every change is confined to: a <see cref="ConfinedRoot"/> that must exist. A target must
/// resolve, after following every symlink on its way, to a path inside the root; <c>..</c> segments and absolute
/// paths elsewhere are refused before anything is read or written.
/// </summary>
public sealed class PluginsRoot
{
    /// <summary>How messages name this root.</summary>
    public const string Label = "Plug-ins folder";

    /// <summary>Opens the root; it must exist. Symlinks in the root's own path are resolved once here.</summary>
    public PluginsRoot(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Root = new ConfinedRoot(path, Label);
        if (!Directory.Exists(Root.FullPath))
        {
            throw new Errors.InvalidInputException(
                $"The Plug-ins folder '{Path.GetFullPath(path)}' does not exist. Set Plex:PluginsDir in appsettings.json or pass --plugins DIR.");
        }
    }

    /// <summary>The confinement itself, for listings and file-name patterns.</summary>
    public ConfinedRoot Root { get; }

    /// <summary>The root, with symlinks resolved.</summary>
    public string FullPath => Root.FullPath;

    /// <summary>
    /// Resolves <paramref name="path"/> (relative to the root, or absolute inside it) and proves it stays
    /// inside the root after symlinks. The file itself need not exist.
    /// </summary>
    /// <exception cref="PathConfinementException">The path leaves the root.</exception>
    public ConfinedPath Resolve(string path) => Root.Resolve(path);
}
