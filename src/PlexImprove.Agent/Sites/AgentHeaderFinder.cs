using System.Text.RegularExpressions;
using PlexImprove.Core.Changes.Files;

namespace PlexImprove.Agent.Sites;

/// <summary>
/// Finds the request headers an agent sends, by reading its code: the Framework's default <c>User-Agent</c>, every
/// <c>HTTP.Headers['Name'] = 'value'</c> (sent with each request), and the header dictionaries it passes to single
/// calls (<c>{'User-Agent': …}</c>), reported apart because only some requests carry them.
/// </summary>
public static partial class AgentHeaderFinder
{
    /// <summary>What the Plex Framework sends when an agent sets no <c>User-Agent</c>.</summary>
    public const string FrameworkUserAgent = "PlexPluginFramework/2.6.3 (Plex Media Server)";

    /// <summary>Reads the bundle's Python code (below <c>Contents/Code</c>) for the headers it sends.</summary>
    /// <param name="root">The Plug-ins root (confines the bundle path).</param>
    /// <param name="bundle">The bundle folder (<c>AEBN.bundle</c>) or its name without the suffix (<c>AEBN</c>).</param>
    public static AgentHeaders Find(PluginsRoot root, string bundle)
    {
        ArgumentNullException.ThrowIfNull(root);
        var name = bundle.Trim().TrimEnd('/');
        var folder = root.Resolve(name.EndsWith(".bundle", StringComparison.OrdinalIgnoreCase) ? name : name + ".bundle");
        if (!Directory.Exists(folder.FullPath))
        {
            var known = Directory.EnumerateDirectories(root.FullPath, "*.bundle").Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(40);
            throw new Core.Errors.InvalidInputException($"No bundle '{folder.RelativePath}' in the Plug-ins folder '{root.FullPath}'. Bundles there: {string.Join(", ", known)}.");
        }

        var always = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["User-Agent"] = FrameworkUserAgent };
        var perCall = new List<IReadOnlyDictionary<string, string>>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(folder.FullPath, "*.py", options).Order(StringComparer.Ordinal))
        {
            var code = File.ReadAllText(file);
            foreach (Match match in DefaultHeader().Matches(code))
            {
                always[match.Groups["name"].Value] = match.Groups["value"].Value;
            }

            foreach (Match literal in DictLiteral().Matches(code))
            {
                var pairs = HeaderPair().Matches(literal.Value)
                    .Select(m => (Name: m.Groups["name"].Value, Value: m.Groups["value"].Value))
                    .Where(p => IsHeaderName(p.Name))
                    .ToList();
                if (pairs.Count > 0 && pairs.Any(p => p.Name.Contains('-', StringComparison.Ordinal) || p.Name.Equals("Referer", StringComparison.OrdinalIgnoreCase)))
                {
                    perCall.Add(pairs.DistinctBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase));
                }
            }
        }

        return new AgentHeaders(always, perCall);
    }

    private static bool IsHeaderName(string name) =>
        name.Length is > 2 and < 40 && char.IsUpper(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    [GeneratedRegex("""HTTP\.Headers\[\s*['"](?<name>[A-Za-z0-9-]+)['"]\s*\]\s*=\s*['"](?<value>[^'"\r\n]*)['"]""")]
    private static partial Regex DefaultHeader();

    [GeneratedRegex("""\{[^{}]{0,2000}\}""")]
    private static partial Regex DictLiteral();

    [GeneratedRegex("""['"](?<name>[A-Za-z][A-Za-z0-9-]*)['"]\s*:\s*['"](?<value>[^'"\r\n]*)['"]""")]
    private static partial Regex HeaderPair();
}
