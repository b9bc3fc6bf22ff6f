namespace PlexImprove.Core.Changes.Gate;

/// <summary>
/// The code policy a bundle declares in <c>Contents/Info.plist</c> (<c>PlexPluginCodePolicy</c>). It decides which
/// rules Plex applies to the bundle's modules other than <c>__init__.py</c> and which builtins the code gets.
/// </summary>
public enum PluginCodePolicy
{
    /// <summary>No (or any other) <c>PlexPluginCodePolicy</c>: the standard restrictions.</summary>
    Standard,

    /// <summary><c>PlexPluginCodePolicy</c> = <c>Elevated</c>: more dunder names in sibling modules, getattr/type/super provided.</summary>
    Elevated,
}
