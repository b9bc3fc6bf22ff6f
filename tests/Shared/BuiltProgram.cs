namespace PlexImprove.Testing;

/// <summary>The built command-line program, for tests that run it in a child process as a user would.</summary>
internal static class BuiltProgram
{
    /// <summary>The built <c>plex-improve.dll</c>, in the same configuration and framework as the running test assembly.</summary>
    public static string Dll()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepositoryPaths.Root(), "src", "PlexImprove.Cli", "bin", framework.Parent!.Name, framework.Name, "plex-improve.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} was not built.");
    }
}
