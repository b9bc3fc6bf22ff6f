using System.Text.Json;
using System.Text.RegularExpressions;
using PlexImprove.Sandbox.Emulator;

namespace PlexImprove.Sandbox.Scenarios;

/// <summary>
/// Builds a scenario from a user's own Plug-ins folder (<c>sandbox up --plugins DIR [--logs DIR]</c>): a copy of its
/// bundles, one library section per agent, and items named after the files the agent's sessions in the plugin logs
/// worked on, or a few synthetic ones when there are no logs. No fake sites: the agents reach only what the network
/// mode allows.
/// </summary>
public static partial class PluginsScenarioBuilder
{
    /// <summary>How many items a section gets at most from the logs, and how many synthetic ones otherwise.</summary>
    public const int MaxItemsFromLogs = 20;

    private static readonly Dictionary<string, string[]> SyntheticFiles = new(StringComparer.Ordinal)
    {
        [SectionType.Movie] =
        [
            "/data/Movies/(Studio) - Sample Film (2019).mp4",
            "/data/Movies/(Studio) - Another Title (2021).mp4",
            "/data/Movies/Third Film (2015).mkv",
        ],
        [SectionType.Show] =
        [
            "/data/TV/Sample Show/Season 01/Sample Show - S01E01.mkv",
            "/data/TV/Another Show (2020)/Season 02/Another Show - S02E05.mkv",
            "/data/TV/Third Show/Season 01/Third Show - S01E03.mp4",
        ],
        [SectionType.Artist] =
        [
            "/data/Music/Sample Artist/First Album/01 - Opening.mp3",
            "/data/Music/Another Artist/Second Album/02 - Middle.flac",
            "/data/Music/Third Artist/Third Album/03 - Closing.m4a",
        ],
        [SectionType.Photo] =
        [
            "/data/Photos/2019/Holiday/IMG_0001.jpg",
            "/data/Photos/2021/Family/IMG_0002.jpg",
            "/data/Photos/2015/Trip/IMG_0003.jpg",
        ],
    };

    /// <summary>Writes the scenario into a new folder below <paramref name="parent"/> and returns that folder.</summary>
    public static string Build(string pluginsDir, string? logsDir, string parent)
    {
        if (!Directory.Exists(pluginsDir))
        {
            throw new ScenarioManifestException($"The Plug-ins folder '{pluginsDir}' does not exist.");
        }

        if (logsDir is not null && !Directory.Exists(logsDir))
        {
            throw new ScenarioManifestException($"The plugin logs folder '{logsDir}' does not exist.");
        }

        var bundles = ScenarioLoader.FindBundles(pluginsDir);
        if (bundles.Count == 0)
        {
            throw new ScenarioManifestException($"'{pluginsDir}' holds no agent bundle (*.bundle with Contents/Info.plist naming a CFBundleIdentifier).");
        }

        var primaries = bundles.Where(b => !IsSecondaryOnly(b.Path)).ToList();
        if (primaries.Count == 0)
        {
            throw new ScenarioManifestException($"'{pluginsDir}' holds only secondary agents (primary_provider = False); a library section needs a primary agent.");
        }

        var root = Path.Combine(parent, "plugins-scenario-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var bundle in bundles)
        {
            CopyTree(bundle.Path, Path.Combine(root, "Plug-ins", Path.GetFileName(bundle.Path)));
        }

        var sections = primaries.Select((bundle, i) =>
        {
            var type = SectionTypeOf(bundle.Path);
            return new
            {
                id = i + 1,
                title = Path.GetFileNameWithoutExtension(bundle.Path),
                agent = bundle.Identifier,
                type,
                items = ItemsFor(bundle.Identifier, logsDir, type).Select(file => new { file }).ToArray(),
            };
        }).ToArray();
        var manifest = new
        {
            name = "plugins",
            description = $"The bundles of {pluginsDir}" + (logsDir is null ? "" : $", items from the logs in {logsDir}"),
            sections,
            sites = Array.Empty<object>(),
        };
        File.WriteAllText(Path.Combine(root, ScenarioLoader.ManifestFileName), JsonSerializer.Serialize(manifest));
        return root;
    }

    /// <summary>Deletes a scenario folder <see cref="Build"/> wrote, once the sandbox has copied it; a leftover is only noise in the temp folder.</summary>
    public static void Remove(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temporary folder.
        }
        catch (UnauthorizedAccessException)
        {
            // Left behind in the temporary folder.
        }
    }

    /// <summary>
    /// The section type Plex would give the bundle's agent: that of the first agent class its code defines
    /// (<c>class X(Agent.TV_Shows)</c> or <c>class X(Base, Agent.TV_Shows)</c> → <c>show</c>); <c>movie</c> when none is found.
    /// </summary>
    public static string SectionTypeOf(string bundlePath)
    {
        var code = Path.Combine(bundlePath, "Contents", "Code");
        var init = Path.Combine(code, "__init__.py");
        var files = File.Exists(init) ? new[] { init } : [];
        foreach (var file in files.Concat(Directory.Exists(code) ? Directory.EnumerateFiles(code, "*.py").Order(StringComparer.Ordinal) : []))
        {
            var match = AgentClass().Match(File.ReadAllText(file));
            if (match.Success)
            {
                return match.Groups[1].Value switch
                {
                    "TV_Shows" => SectionType.Show,
                    "Artist" or "Album" => SectionType.Artist,
                    "Photos" => SectionType.Photo,
                    _ => SectionType.Movie,
                };
            }
        }

        return SectionType.Movie;
    }

    /// <summary>
    /// Whether every agent class the bundle's code defines declares <c>primary_provider = False</c>, itself or through a
    /// base class of its own code (<c>class Subtitles(Base, Agent.Movies)</c> with the attribute on <c>Base</c>, as
    /// Python's class attributes are inherited), read from the code without running it; false when it defines none
    /// (the loader will tell what is wrong with such a bundle).
    /// </summary>
    public static bool IsSecondaryOnly(string bundlePath)
    {
        var code = Path.Combine(bundlePath, "Contents", "Code");
        if (!Directory.Exists(code))
        {
            return false;
        }

        // Every class of the code: its bases and whether its own body says primary_provider = False.
        var classes = new List<(string Name, string Bases, bool Secondary)>();
        foreach (var file in Directory.EnumerateFiles(code, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var match = ClassStatement().Match(lines[i]);
                if (match.Success)
                {
                    classes.Add((match.Groups[1].Value, match.Groups[2].Value, BodySaysSecondary(lines, i)));
                }
            }
        }

        var secondaryBases = classes.Where(c => c.Secondary).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var agents = classes.Where(c => AgentBase().IsMatch(c.Bases)).ToList();
        return agents.Count > 0 && agents.All(a => a.Secondary ||
            a.Bases.Split(',').Select(b => b.Trim()).Any(secondaryBases.Contains));
    }

    /// <summary>Whether the body of the class declared at <paramref name="line"/> sets <c>primary_provider = False</c>.</summary>
    private static bool BodySaysSecondary(string[] lines, int line)
    {
        var indent = lines[line].Length - lines[line].TrimStart().Length;
        for (var j = line + 1; j < lines.Length; j++)
        {
            var body = lines[j].TrimStart();
            if (body.Length == 0 || body.StartsWith('#'))
            {
                continue;
            }

            if (lines[j].Length - body.Length <= indent)
            {
                break;
            }

            if (NotPrimary().IsMatch(lines[j]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The media files an agent's sessions worked on, newest logs first, or synthetic names.</summary>
    public static IReadOnlyList<string> ItemsFor(string identifier, string? logsDir) => ItemsFor(identifier, logsDir, SectionType.Movie);

    /// <summary>The media files an agent's sessions worked on, newest logs first, or synthetic names of the section's type.</summary>
    public static IReadOnlyList<string> ItemsFor(string identifier, string? logsDir, string sectionType)
    {
        var files = new List<string>();
        if (logsDir is not null)
        {
            var logs = Directory.EnumerateFiles(logsDir, identifier + ".log*")
                .Where(f => Path.GetFileName(f) == identifier + ".log" || LogRotation().IsMatch(Path.GetFileName(f)[(identifier.Length + 4)..]))
                .OrderBy(f => f.Length).ThenBy(f => f, StringComparer.Ordinal);
            foreach (var log in logs)
            {
                foreach (Match match in SearchedFile().Matches(File.ReadAllText(log)))
                {
                    var file = Uri.UnescapeDataString(match.Groups[1].Value);
                    if (!files.Contains(file, StringComparer.Ordinal))
                    {
                        files.Add(file);
                    }
                }
            }
        }

        return files.Count > 0 ? [.. files.Take(MaxItemsFromLogs)] : SyntheticFiles.GetValueOrDefault(sectionType, SyntheticFiles[SectionType.Movie]);
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            CopyTree(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }

    /// <summary>The file of a search, as the Framework logs it: <c>Searching for matches for {… 'filename': '…' …}</c>.</summary>
    [GeneratedRegex(@"Searching for matches for \{.*?'filename': '([^']+)'")]
    private static partial Regex SearchedFile();

    /// <summary>A class with an agent base among its bases (<c>class X(Agent.Movies)</c>, <c>class X(Base, Agent.TV_Shows)</c>).</summary>
    [GeneratedRegex(@"^\s*class\s+\w+\s*\([^)]*?\bAgent\.(Movies|TV_Shows|Artist|Album|Photos)\s*[,)]", RegexOptions.Multiline)]
    private static partial Regex AgentClass();

    [GeneratedRegex(@"^\s*class\s+(\w+)\s*\(([^)]*)\)\s*:")]
    private static partial Regex ClassStatement();

    [GeneratedRegex(@"(^|,)\s*Agent\.(Movies|TV_Shows|Artist|Album|Photos)\s*(,|$)")]
    private static partial Regex AgentBase();

    /// <summary>A class attribute (one indent deeper than the class) saying the agent is not a primary one.</summary>
    [GeneratedRegex(@"^\s+primary_provider\s*=\s*False\b")]
    private static partial Regex NotPrimary();

    [GeneratedRegex(@"^(\.[1-5])?$")]
    private static partial Regex LogRotation();
}
