namespace PlexImprove.Sandbox.Python;

/// <summary>
/// The sandbox's own minimal lookup: the configured path first, then the project-local
/// <c>.tools/python2.7</c> (run with <c>PYTHONHOME=&lt;that&gt;/usr</c>) under any of the search roots or
/// their parents. Replace with the shared interpreter discovery of <c>PlexImprove.Python</c> once it exists.
/// </summary>
public sealed class Python27Locator : IPython27Locator
{
    private readonly string? _configuredPath;
    private readonly IReadOnlyList<string> _searchRoots;

    /// <param name="configuredPath">The <c>Python27:Path</c> setting; empty means discover.</param>
    /// <param name="searchRoots">Folders whose ancestors may hold <c>.tools/python2.7</c> (the repository root, the app folder).</param>
    public Python27Locator(string? configuredPath, IEnumerable<string> searchRoots)
    {
        _configuredPath = string.IsNullOrWhiteSpace(configuredPath) ? null : configuredPath;
        _searchRoots = [.. searchRoots];
    }

    public Python27Interpreter Locate()
    {
        if (_configuredPath is not null)
        {
            if (!File.Exists(_configuredPath))
            {
                throw new Python27MissingException($"the configured Python27:Path '{_configuredPath}' does not exist");
            }

            return new Python27Interpreter(_configuredPath, HomeOf(_configuredPath));
        }

        foreach (var root in _searchRoots)
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var home = Path.Combine(dir.FullName, ".tools", "python2.7", "usr");
                var executable = Path.Combine(home, "bin", "python2.7");
                if (File.Exists(executable))
                {
                    return new Python27Interpreter(executable, home);
                }
            }
        }

        throw new Python27MissingException("Python27:Path is empty and no .tools/python2.7 was found");
    }

    // An unpacked Debian tree (<home>/bin/python2.7 beside <home>/lib/python2.7) needs PYTHONHOME.
    private static string? HomeOf(string executable)
    {
        var bin = Path.GetDirectoryName(Path.GetFullPath(executable));
        var home = bin is null ? null : Path.GetDirectoryName(bin);
        return home is not null && Directory.Exists(Path.Combine(home, "lib", "python2.7")) && !home.Equals("/usr", StringComparison.Ordinal)
            ? home
            : null;
    }
}
