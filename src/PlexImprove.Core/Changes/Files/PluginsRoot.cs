namespace PlexImprove.Core.Changes.Files;

/// <summary>
/// The Plug-ins folder every change is confined to. A target must resolve, after following every
/// symlink on its way, to a path inside the root; <c>..</c> segments and absolute paths elsewhere are
/// refused before anything is read or written.
/// </summary>
public sealed class PluginsRoot
{
    private const int MaxLinkHops = 40;

    /// <summary>Opens the root; it must exist. Symlinks in the root's own path are resolved once here.</summary>
    public PluginsRoot(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new Errors.InvalidInputException(
                $"The Plug-ins folder '{full}' does not exist. Set Plex:PluginsDir in appsettings.json or pass --plugins DIR.");
        }

        FullPath = ResolveLinks(full);
    }

    /// <summary>The root, with symlinks resolved.</summary>
    public string FullPath { get; }

    /// <summary>
    /// Resolves <paramref name="path"/> (relative to the root, or absolute inside it) and proves it stays
    /// inside the root after symlinks. The file itself need not exist.
    /// </summary>
    /// <exception cref="PathConfinementException">The path leaves the root.</exception>
    public ConfinedPath Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim();
        if (trimmed.Length == 0)
        {
            throw new PathConfinementException("An empty path was given; name a file inside the Plug-ins folder.");
        }

        // A NUL or another control character makes the file APIs throw rather than answer; no agent file has one.
        if (trimmed.Any(char.IsControl))
        {
            throw new PathConfinementException(
                $"'{string.Concat(trimmed.Select(c => char.IsControl(c) ? '?' : c))}' contains a control character (shown as '?'); name a file inside the Plug-ins folder. Nothing was read or written.");
        }

        var segments = trimmed.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
        {
            throw new PathConfinementException(
                $"'{path}' contains '..'; only paths inside the Plug-ins folder '{FullPath}' are allowed. Nothing was read or written.");
        }

        string candidate;
        if (Path.IsPathRooted(trimmed))
        {
            candidate = Path.GetFullPath(trimmed);
            if (!IsInside(candidate, FullPath) && !IsInside(ResolveLinks(candidate), FullPath))
            {
                throw new PathConfinementException(
                    $"'{path}' is outside the Plug-ins folder '{FullPath}'. Nothing was read or written.");
            }
        }
        else
        {
            candidate = Path.Combine([FullPath, .. segments.Where(s => s != ".")]);
        }

        var resolved = ResolveLinks(candidate);
        if (!IsInside(resolved, FullPath))
        {
            throw new PathConfinementException(
                $"'{path}' leads through a symlink to '{resolved}', outside the Plug-ins folder '{FullPath}'. Nothing was read or written.");
        }

        var relative = Path.GetRelativePath(FullPath, resolved).Replace('\\', '/');
        return new ConfinedPath(relative, resolved);
    }

    /// <summary>True when <paramref name="path"/> equals <paramref name="root"/> or lies below it.</summary>
    public static bool IsInside(string path, string root)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var normalizedRoot = Path.TrimEndingDirectorySeparator(root);
        if (string.Equals(path, normalizedRoot, comparison))
        {
            return false; // the root itself is not a file inside it
        }

        return path.StartsWith(normalizedRoot + Path.DirectorySeparatorChar, comparison);
    }

    /// <summary>
    /// Follows symlinks component by component (a link in a parent folder counts as much as one on the
    /// file), like realpath(3), without requiring the last components to exist.
    /// </summary>
    public static string ResolveLinks(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var pending = new Stack<string>(fullPath[root.Length..]
            .Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries)
            .Reverse());
        var current = root;
        var hops = 0;
        while (pending.Count > 0)
        {
            var segment = pending.Pop();
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(current)) ?? root;
                continue;
            }

            var next = Path.Combine(current, segment);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            var target = info.LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new PathConfinementException($"'{fullPath}' has too many levels of symlinks.");
            }

            var targetFull = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
            var targetRoot = Path.GetPathRoot(targetFull) ?? root;
            foreach (var part in targetFull[targetRoot.Length..]
                         .Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries)
                         .Reverse())
            {
                pending.Push(part);
            }

            current = targetRoot;
        }

        return current;
    }
}
