using PlexImprove.Core.Changes.Bundles;

namespace PlexImprove.Core.Changes.Files;

/// <summary>
/// Which plug-ins a Plug-ins folder holds, by the identifier Plex restarts and logs them under, and which of them a
/// set of changed files belongs to (so the right plug-in is restarted after a fix).
/// </summary>
public static class PluginBundles
{
    /// <summary>Every <c>*.bundle</c> folder directly under <paramref name="pluginsDir"/> whose Info.plist names a <c>CFBundleIdentifier</c>, by folder name.</summary>
    public static IReadOnlyList<PluginBundle> Find(string pluginsDir)
    {
        if (!Directory.Exists(pluginsDir))
        {
            return [];
        }

        var bundles = new List<PluginBundle>();
        foreach (var folder in Directory.EnumerateDirectories(pluginsDir, "*.bundle").Order(StringComparer.Ordinal))
        {
            if (InfoPlist.TryLoadBundle(folder)?.Identifier is { Length: > 0 } identifier)
            {
                bundles.Add(new PluginBundle(identifier, Path.GetFileName(folder)));
            }
        }

        return bundles;
    }

    /// <summary>
    /// The identifiers of the bundles holding <paramref name="relativePaths"/> (paths relative to the Plug-ins folder,
    /// <c>/</c>-separated), in first-seen order. Files outside any known bundle are ignored.
    /// </summary>
    public static IReadOnlyList<string> Owning(IReadOnlyList<PluginBundle> bundles, IEnumerable<string> relativePaths)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        ArgumentNullException.ThrowIfNull(relativePaths);
        var owners = new List<string>();
        foreach (var path in relativePaths)
        {
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            var folder = slash < 0 ? path : path[..slash];
            var bundle = bundles.FirstOrDefault(b => string.Equals(b.Folder, folder, StringComparison.Ordinal));
            if (bundle is not null && !owners.Contains(bundle.Identifier, StringComparer.Ordinal))
            {
                owners.Add(bundle.Identifier);
            }
        }

        return owners;
    }
}
