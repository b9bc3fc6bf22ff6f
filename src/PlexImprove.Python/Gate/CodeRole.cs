namespace PlexImprove.Python.Gate;

/// <summary>
/// Where a file sits in its bundle, which decides the rules Plex compiles it with: <c>init</c>
/// (<c>Contents/Code/__init__.py</c>, always the standard rules), <c>module</c> (another module of the bundle's code,
/// compiled with the bundle's policy) or <c>library</c> (<c>Contents/Libraries</c>, imported without restrictions).
/// </summary>
public static class CodeRole
{
    public const string Init = "init";
    public const string Module = "module";
    public const string Library = "library";

    /// <summary>The role of a file from its name (a path relative to the Plug-ins folder, or any path).</summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var path = "/" + name.Replace('\\', '/');
        if (path.Contains("/Contents/Libraries/", StringComparison.Ordinal))
        {
            return Library;
        }

        if (path.EndsWith("/__init__.py", StringComparison.Ordinal))
        {
            var parent = path[..path.LastIndexOf('/')];
            if (parent.EndsWith("/Contents/Code", StringComparison.Ordinal) || !path.Contains("/Contents/", StringComparison.Ordinal))
            {
                return Init;
            }
        }

        return Module;
    }
}
