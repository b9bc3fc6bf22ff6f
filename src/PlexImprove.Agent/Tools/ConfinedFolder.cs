using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Tools;

/// <summary>
/// A folder a tool may read below and nowhere else (the logs folder, the work folder): <c>..</c>, absolute paths
/// elsewhere and symlinks leading out are refused before anything is read, as for the Plug-ins root.
/// </summary>
internal sealed class ConfinedFolder
{
    private readonly string _label;

    /// <param name="path">The folder (it need not exist yet: the work folder appears with the first run).</param>
    /// <param name="label">How messages name it ("logs folder", "work folder").</param>
    public ConfinedFolder(string path, string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FullPath = PluginsRoot.ResolveLinks(Path.GetFullPath(path));
        _label = label;
    }

    public string FullPath { get; }

    /// <summary>Resolves a path relative to the folder (or absolute inside it) and proves it stays inside after symlinks.</summary>
    /// <exception cref="PathConfinementException">The path leaves the folder.</exception>
    public string Resolve(string path)
    {
        var trimmed = (path ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw new PathConfinementException($"An empty path was given; name a file inside the {_label} '{FullPath}'.");
        }

        var segments = trimmed.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
        {
            throw new PathConfinementException($"'{path}' contains '..'; only paths inside the {_label} '{FullPath}' are allowed. Nothing was read.");
        }

        var candidate = Path.IsPathRooted(trimmed)
            ? Path.GetFullPath(trimmed)
            : Path.Combine([FullPath, .. segments.Where(s => s != ".")]);
        var resolved = PluginsRoot.ResolveLinks(candidate);
        if (!PluginsRoot.IsInside(resolved, FullPath))
        {
            throw new PathConfinementException($"'{path}' is outside the {_label} '{FullPath}'. Nothing was read.");
        }

        return resolved;
    }

    /// <summary>The path relative to the folder, with forward slashes.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(FullPath, fullPath).Replace('\\', '/');

    /// <summary>Resolves and requires an existing file.</summary>
    public string ResolveFile(string path)
    {
        var resolved = Resolve(path);
        return File.Exists(resolved)
            ? resolved
            : throw new InvalidInputException($"'{path}' does not exist in the {_label} '{FullPath}'.");
    }
}
