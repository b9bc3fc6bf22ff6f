namespace PlexImprove.Core.Changes.Files;

/// <summary>
/// A folder that reads and writes are confined to (the Plug-ins folder, the logs folder, the work folder). Every path a
/// tool, a resource or a command takes is resolved here, following each symlink on its way, and must end inside the
/// root before anything is read; <c>..</c>, absolute paths elsewhere, control characters and file-name patterns that
/// name folders are refused. This is the one place that decides what is inside.
/// </summary>
public sealed class ConfinedRoot
{
    private const int MaxLinkHops = 40;

    private const string NothingDone = "Nothing was read or written.";

    /// <summary>Opens a root; it need not exist yet (the work folder appears with the first run). Symlinks in its own path are resolved once here.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="label">How messages name it ("Plug-ins folder", "logs folder", "work folder").</param>
    public ConfinedRoot(string path, string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        RequireNoControlCharacters(path, path, label);
        Label = label;
        FullPath = ResolveLinks(Path.GetFullPath(path));
    }

    /// <summary>The root, with symlinks resolved.</summary>
    public string FullPath { get; }

    /// <summary>How messages name the root.</summary>
    public string Label { get; }

    /// <summary>
    /// Resolves <paramref name="path"/> (relative to the root, or absolute inside it) and proves it stays inside the
    /// root after symlinks. The file itself need not exist.
    /// </summary>
    /// <exception cref="PathConfinementException">The path is empty, has <c>..</c> or a control character, or leaves the root.</exception>
    public ConfinedPath Resolve(string path)
    {
        var trimmed = (path ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw new PathConfinementException($"An empty path was given; name a file inside the {Label} '{FullPath}'.");
        }

        RequireNoControlCharacters(trimmed, path!, Label);
        var segments = trimmed.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
        {
            throw new PathConfinementException(
                $"'{path}' contains '..'; only paths inside the {Label} '{FullPath}' are allowed. {NothingDone}");
        }

        var candidate = Path.IsPathRooted(trimmed)
            ? Path.GetFullPath(trimmed)
            : Path.Combine([FullPath, .. segments.Where(s => s != ".")]);
        var resolved = ResolveLinks(candidate);
        if (!IsInside(resolved, FullPath))
        {
            var how = string.Equals(candidate, resolved, StringComparison.Ordinal) || !IsInside(candidate, FullPath)
                ? "is outside"
                : $"leads through a symlink to '{resolved}', outside";
            throw new PathConfinementException($"'{path}' {how} the {Label} '{FullPath}'. {NothingDone}");
        }

        return new ConfinedPath(Relative(resolved), resolved);
    }

    /// <summary>Whether <paramref name="fullPath"/>, after following its symlinks, lies inside the root.</summary>
    public bool Contains(string fullPath)
    {
        try
        {
            return IsInside(ResolveLinks(Path.GetFullPath(fullPath)), FullPath);
        }
        catch (Exception e) when (e is PathConfinementException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The path relative to the root, with forward slashes.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(FullPath, fullPath).Replace('\\', '/');

    /// <summary>
    /// The files below <paramref name="folder"/> (a confined path) whose names match <paramref name="fileNamePattern"/>,
    /// in ordinal order. Symlinked folders are not entered and a file whose link leads out of the root is left out, so
    /// nothing outside can be read through the listing.
    /// </summary>
    /// <exception cref="PathConfinementException">The pattern names a folder (separators, <c>..</c>, a rooted path).</exception>
    public IReadOnlyList<string> EnumerateFiles(ConfinedPath folder, string fileNamePattern, bool recurse)
    {
        ArgumentNullException.ThrowIfNull(folder);
        RequireFileNamePattern(fileNamePattern);
        var options = new EnumerationOptions { RecurseSubdirectories = recurse, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return [.. Directory.EnumerateFiles(folder.FullPath, fileNamePattern, options).Where(Contains).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Checks that a file-name pattern (<c>*.py</c>, <c>__init__.py</c>) is a name and nothing else: .NET would
    /// otherwise join a pattern such as <c>../../etc/passwd</c> to the folder and read beside it.
    /// </summary>
    /// <exception cref="PathConfinementException">The pattern is empty or names a folder.</exception>
    public void RequireFileNamePattern(string fileNamePattern)
    {
        var pattern = fileNamePattern ?? "";
        RequireNoControlCharacters(pattern, pattern, Label);
        if (pattern.Trim().Length == 0 || pattern.IndexOfAny(['/', '\\', ':']) >= 0 || pattern.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(pattern))
        {
            throw new PathConfinementException(
                $"'{fileNamePattern}' is not a file-name pattern: give a name or a wildcard such as *.py, without folders or '..' " +
                $"(use 'under' for a folder inside the {Label}). {NothingDone}");
        }
    }

    /// <summary>True when <paramref name="path"/> lies below <paramref name="root"/> (the root itself is not inside).</summary>
    public static bool IsInside(string path, string root)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var normalizedRoot = Path.TrimEndingDirectorySeparator(root);
        if (string.Equals(Path.TrimEndingDirectorySeparator(path), normalizedRoot, comparison))
        {
            return false;
        }

        return path.StartsWith(normalizedRoot + Path.DirectorySeparatorChar, comparison);
    }

    /// <summary>Whether two paths name the same place once made absolute and their symlinks followed.</summary>
    public static bool SamePlace(string a, string b)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(
            Path.TrimEndingDirectorySeparator(ResolveLinks(Path.GetFullPath(a))),
            Path.TrimEndingDirectorySeparator(ResolveLinks(Path.GetFullPath(b))),
            comparison);
    }

    /// <summary>
    /// Follows symlinks component by component (a link in a parent folder counts as much as one on the file), like
    /// realpath(3), without requiring the last components to exist.
    /// </summary>
    /// <exception cref="PathConfinementException">A loop of symlinks.</exception>
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
                throw new PathConfinementException($"'{fullPath}' has too many levels of symlinks. {NothingDone}");
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

    private static void RequireNoControlCharacters(string text, string shown, string label)
    {
        if (text.Any(char.IsControl))
        {
            throw new PathConfinementException(
                $"'{new string([.. shown.Select(c => char.IsControl(c) ? '?' : c)])}' contains a control character; name a file inside the {label} by its name. {NothingDone}");
        }
    }
}
