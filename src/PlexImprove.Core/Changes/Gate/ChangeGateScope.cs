using System.Xml;
using System.Xml.Linq;
using PlexImprove.Core.Changes.Files;

namespace PlexImprove.Core.Changes.Gate;

/// <summary>
/// What the gate must check so it sees the whole change, not only the edited Python: every changed Python file under
/// the policy its bundle has after the change, and, in a bundle whose <c>Info.plist</c> the change edits, every Python
/// file of the bundle's code (unchanged ones too) under the new policy, so a policy flip that breaks code is caught.
/// An edited Info.plist that no longer parses is a finding of its own.
/// </summary>
public static class ChangeGateScope
{
    /// <summary>Python files of one bundle re-checked at most, when its policy changes.</summary>
    public const int MaxBundleFiles = 500;

    /// <param name="root">The Plug-ins folder.</param>
    /// <param name="changed">Each changed file: path relative to the root, content before and after (copies excluded by the caller).</param>
    public static IReadOnlyList<GatedFile> Select(PluginsRoot root, IReadOnlyList<(string RelativePath, ReadOnlyMemory<byte> Before, ReadOnlyMemory<byte> After)> changed)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(changed);
        var policies = new Dictionary<string, (PluginCodePolicy Before, PluginCodePolicy After)>(StringComparer.Ordinal);
        foreach (var (path, _, after) in changed)
        {
            if (InfoPlistBundle(path) is { } bundle)
            {
                var before = BundleCodePolicy.ForFile(Path.Combine(root.FullPath, bundle, "Contents", "Code", "__init__.py")).Policy;
                policies[bundle] = (before, ParsePolicy(after) ?? PluginCodePolicy.Standard);
            }
        }

        var gated = new List<GatedFile>();
        foreach (var (path, before, after) in changed.Where(c => IsPython(c.RelativePath)))
        {
            var (beforePolicy, afterPolicy) = PoliciesOf(root, path, policies);
            gated.Add(new GatedFile(path, before, beforePolicy, after, afterPolicy));
        }

        // A flipped policy changes what is allowed in every module of the bundle, edited or not.
        foreach (var (bundle, (beforePolicy, afterPolicy)) in policies.Where(p => p.Value.Before != p.Value.After))
        {
            var code = Path.Combine(root.FullPath, bundle, "Contents", "Code");
            if (!Directory.Exists(code))
            {
                continue;
            }

            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
            foreach (var file in Directory.EnumerateFiles(code, "*.py", options).Take(MaxBundleFiles).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root.FullPath, file).Replace('\\', '/');
                if (gated.Any(g => g.RelativePath == relative))
                {
                    continue;
                }

                var content = File.ReadAllBytes(file);
                gated.Add(new GatedFile(relative, content, beforePolicy, content, afterPolicy));
            }
        }

        return gated;
    }

    /// <summary>The comparison for each edited Info.plist that no longer parses (Plex would not load the bundle).</summary>
    public static IReadOnlyList<GateComparison> PlistProblems(IReadOnlyList<(string RelativePath, ReadOnlyMemory<byte> Before, ReadOnlyMemory<byte> After)> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var problems = new List<GateComparison>();
        foreach (var (path, before, after) in changed)
        {
            if (InfoPlistBundle(path) is null || ParseError(after) is not { } error || ParseError(before) is not null)
            {
                continue;
            }

            problems.Add(new GateComparison
            {
                Introduced =
                [
                    new CodeFinding
                    {
                        Check = "plist", Rule = "plist-unreadable", File = path, Line = 1, Column = 1,
                        Message = $"The changed Info.plist no longer parses ({error}); Plex would not load the bundle.",
                        Fix = "Keep Info.plist well-formed XML.", Code = "",
                    },
                ],
            });
        }

        return problems;
    }

    /// <summary>The bundle folder when <paramref name="relativePath"/> is its <c>Contents/Info.plist</c>.</summary>
    public static string? InfoPlistBundle(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var parts = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts is [var bundle, "Contents", "Info.plist"] && bundle.EndsWith(".bundle", StringComparison.OrdinalIgnoreCase) ? bundle : null;
    }

    private static (PluginCodePolicy Before, PluginCodePolicy After) PoliciesOf(
        PluginsRoot root, string path, Dictionary<string, (PluginCodePolicy Before, PluginCodePolicy After)> flipped)
    {
        var bundle = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (flipped.TryGetValue(bundle, out var both))
        {
            return both;
        }

        var policy = BundleCodePolicy.ForFile(Path.Combine(root.FullPath, path)).Policy;
        return (policy, policy);
    }

    private static PluginCodePolicy? ParsePolicy(ReadOnlyMemory<byte> plist)
    {
        try
        {
            using var stream = new MemoryStream(plist.ToArray());
            return BundleCodePolicy.Parse(XDocument.Load(stream));
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string? ParseError(ReadOnlyMemory<byte> plist)
    {
        try
        {
            using var stream = new MemoryStream(plist.ToArray());
            XDocument.Load(stream);
            return null;
        }
        catch (XmlException e)
        {
            return e.Message;
        }
    }

    private static bool IsPython(string path) => path.EndsWith(".py", StringComparison.OrdinalIgnoreCase);
}
