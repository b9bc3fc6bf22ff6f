using PlexImprove.Core.Changes.Bundles;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>An agent's bundle in the Plug-ins folder and its Python code, read once (nothing is written).</summary>
public sealed class AgentBundle
{
    private AgentBundle(string identifier, string relativeDir, IReadOnlyList<AgentCodeFile> files)
    {
        Identifier = identifier;
        RelativeDir = relativeDir;
        Files = files;
    }

    public string Identifier { get; }

    /// <summary>The bundle folder relative to the Plug-ins root (<c>X.bundle</c>).</summary>
    public string RelativeDir { get; }

    /// <summary>The modules under <c>Contents/Code</c>, <c>__init__.py</c> first.</summary>
    public IReadOnlyList<AgentCodeFile> Files { get; }

    /// <summary>
    /// Finds the bundle whose <c>Info.plist</c> declares <paramref name="identifier"/> (else the bundle named after the
    /// identifier's last part); null when the Plug-ins folder holds none.
    /// </summary>
    public static AgentBundle? Find(string pluginsDir, string identifier)
    {
        if (!Directory.Exists(pluginsDir))
        {
            return null;
        }

        string? found = null;
        foreach (var dir in Directory.EnumerateDirectories(pluginsDir, "*.bundle").Order(StringComparer.Ordinal))
        {
            if (string.Equals(InfoPlist.TryLoadBundle(dir)?.Identifier, identifier, StringComparison.Ordinal))
            {
                found = dir;
                break;
            }
        }

        var byName = Path.Combine(pluginsDir, identifier[(identifier.LastIndexOf('.') + 1)..] + ".bundle");
        found ??= Directory.Exists(byName) ? byName : null;
        if (found is null)
        {
            return null;
        }

        var code = Path.Combine(found, "Contents", "Code");
        var files = Directory.Exists(code)
            ? Directory.EnumerateFiles(code, "*.py")
                .OrderBy(f => Path.GetFileName(f) == "__init__.py" ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal)
                .Select(f => new AgentCodeFile(Path.GetRelativePath(pluginsDir, f).Replace('\\', '/'), File.ReadAllText(f)))
                .ToList()
            : [];
        return new AgentBundle(identifier, Path.GetRelativePath(pluginsDir, found).Replace('\\', '/'), files);
    }

    /// <summary>The code file whose path ends with <paramref name="pathSuffix"/> (a traceback's file), if any.</summary>
    public AgentCodeFile? FileEndingWith(string pathSuffix)
    {
        var normalised = pathSuffix.Replace('\\', '/');
        return Files.FirstOrDefault(f => normalised.EndsWith("/" + f.RelativePath, StringComparison.Ordinal) || normalised == f.RelativePath)
            ?? Files.FirstOrDefault(f => normalised.EndsWith(f.RelativePath[f.RelativePath.IndexOf("/Contents/", StringComparison.Ordinal)..], StringComparison.Ordinal));
    }
}
