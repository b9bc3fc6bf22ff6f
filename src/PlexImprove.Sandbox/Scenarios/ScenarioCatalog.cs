namespace PlexImprove.Sandbox.Scenarios;

/// <summary>The built-in scenarios shipped beside the program (<c>scenarios/&lt;name&gt;/</c>).</summary>
public sealed class ScenarioCatalog
{
    private readonly string _builtInRoot;

    public ScenarioCatalog(string builtInRoot) => _builtInRoot = builtInRoot;

    /// <summary>The catalogue of the scenarios copied to the build output.</summary>
    public static ScenarioCatalog Default() => new(Path.Combine(AppContext.BaseDirectory, "scenarios"));

    /// <summary>Name and description of every built-in scenario.</summary>
    public IReadOnlyList<(string Name, string Description)> List()
    {
        if (!Directory.Exists(_builtInRoot))
        {
            return [];
        }

        return [.. Directory.GetDirectories(_builtInRoot)
            .Where(d => File.Exists(Path.Combine(d, ScenarioLoader.ManifestFileName)))
            .Order(StringComparer.Ordinal)
            .Select(d => (Path.GetFileName(d), ScenarioLoader.Load(d).Manifest.Description ?? ""))];
    }

    /// <summary>The folder of a built-in scenario name, or an existing scenario folder path.</summary>
    public string Resolve(string nameOrPath)
    {
        var builtIn = Path.Combine(_builtInRoot, nameOrPath);
        if (!nameOrPath.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) && Directory.Exists(builtIn))
        {
            return builtIn;
        }

        if (Directory.Exists(nameOrPath))
        {
            return Path.GetFullPath(nameOrPath);
        }

        var names = string.Join(", ", List().Select(s => s.Name));
        throw new ScenarioManifestException($"Scenario '{nameOrPath}' is neither a built-in scenario ({names}) nor a folder.");
    }
}
