using System.Text.RegularExpressions;

namespace PlexImprove.Core.Changes.Bundles;

/// <summary>
/// What Plex loads of a bundle, read once for the gate and the box: the code it compiles (<c>Contents/Code</c>) and the
/// libraries it imports (<c>Contents/Libraries</c>) — never tests, tools or licences lying beside them — the top-level
/// modules the bundle provides on its import path, and whether its <c>__init__.py</c> reinstates Python's builtins.
/// </summary>
public sealed partial class BundleCode
{
    private BundleCode(string bundle, IReadOnlyList<string> modules, bool builtinsReinstated)
    {
        Bundle = bundle;
        Modules = modules;
        BuiltinsReinstated = builtinsReinstated;
    }

    /// <summary>The bundle folder (<c>X.bundle</c>).</summary>
    public string Bundle { get; }

    /// <summary>
    /// Top-level module and package names found first on the plug-in's import path: those of
    /// <c>Contents/Libraries/Shared</c> and <c>Contents/Libraries/&lt;os&gt;/&lt;cpu&gt;</c>, and the modules and packages
    /// of <c>Contents/Code</c>.
    /// </summary>
    public IReadOnlyList<string> Modules { get; }

    /// <summary>
    /// Whether <c>Contents/Code/__init__.py</c> copies Python's full builtins into the plug-in's globals (a known
    /// pattern of elevated agents: <c>__builtins__</c> or <c>__builtin__</c> iterated into <c>globals()[…]</c>), so
    /// <c>sum</c>, <c>open</c> and the like exist for the code that runs afterwards.
    /// </summary>
    public bool BuiltinsReinstated { get; }

    /// <summary>The bundle holding <paramref name="file"/>, or null outside a <c>*.bundle/Contents</c> folder.</summary>
    public static BundleCode? ForFile(string file) => FolderOf(file) is { } bundle ? Read(bundle) : null;

    /// <summary>The <c>X.bundle</c> folder holding <paramref name="file"/>, or null outside a <c>*.bundle/Contents</c> folder.</summary>
    public static string? FolderOf(string file) => ContentsOf(Path.GetFullPath(file)) is { } contents ? Path.GetDirectoryName(contents) : null;

    /// <summary>Reads a bundle folder (<c>X.bundle</c>).</summary>
    public static BundleCode Read(string bundle)
    {
        var contents = Path.Combine(bundle, "Contents");
        var modules = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in LibraryFolders(contents).Append(Path.Combine(contents, "Code")))
        {
            AddModules(folder, modules);
        }

        var init = Path.Combine(contents, "Code", "__init__.py");
        var reinstated = File.Exists(init) && ReinstatesBuiltins(File.ReadAllText(init));
        return new BundleCode(bundle, [.. modules], reinstated);
    }

    /// <summary>
    /// Whether Plex loads <paramref name="file"/> at all: a file of a bundle counts only under <c>Contents/Code</c> or
    /// <c>Contents/Libraries</c>; a file outside any bundle always counts (it was named on purpose).
    /// </summary>
    public static bool IsLoadedCode(string file)
    {
        var full = Path.GetFullPath(file);
        var contents = ContentsOf(full);
        if (contents is null)
        {
            return true;
        }

        var relative = Path.GetRelativePath(contents, full).Replace('\\', '/');
        return relative.StartsWith("Code/", StringComparison.Ordinal) || relative.StartsWith("Libraries/", StringComparison.Ordinal);
    }

    /// <summary>Whether an <c>__init__.py</c> source copies the builtins into its globals.</summary>
    public static bool ReinstatesBuiltins(string initSource)
    {
        ArgumentNullException.ThrowIfNull(initSource);
        return BuiltinsSource().IsMatch(initSource) && GlobalsWrite().IsMatch(initSource);
    }

    private static IEnumerable<string> LibraryFolders(string contents)
    {
        var libraries = Path.Combine(contents, "Libraries");
        if (!Directory.Exists(libraries))
        {
            yield break;
        }

        yield return Path.Combine(libraries, "Shared");
        foreach (var os in Directory.EnumerateDirectories(libraries).Where(d => Path.GetFileName(d) != "Shared"))
        {
            foreach (var cpu in Directory.EnumerateDirectories(os))
            {
                yield return cpu;
            }
        }
    }

    private static void AddModules(string folder, SortedSet<string> modules)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
        {
            var name = Path.GetFileName(entry);
            if (Directory.Exists(entry))
            {
                if (File.Exists(Path.Combine(entry, "__init__.py")))
                {
                    modules.Add(name);
                }
            }
            else if (name.EndsWith(".py", StringComparison.Ordinal) || name.EndsWith(".so", StringComparison.Ordinal) || name.EndsWith(".pyd", StringComparison.Ordinal))
            {
                var stem = name[..name.IndexOf('.', StringComparison.Ordinal)];
                if (stem.Length > 0 && stem != "__init__")
                {
                    modules.Add(stem);
                }
            }
        }
    }

    private static string? ContentsOf(string fullPath)
    {
        for (var folder = Path.GetDirectoryName(fullPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Path.GetFileName(folder) == "Contents" && Path.GetDirectoryName(folder) is { } bundle &&
                bundle.EndsWith(".bundle", StringComparison.OrdinalIgnoreCase))
            {
                return folder;
            }
        }

        return null;
    }

    [GeneratedRegex(@"__builtins?__")]
    private static partial Regex BuiltinsSource();

    [GeneratedRegex(@"globals\s*\(\s*\)\s*\[[^\]]+\]\s*=")]
    private static partial Regex GlobalsWrite();
}
