using System.Text.Json;
using PlexImprove.Core.Changes.Bundles;

namespace PlexImprove.Sandbox.Scenarios;

/// <summary>Reads and validates a scenario folder; every problem names the file and field at fault.</summary>
public static partial class ScenarioLoader
{
    /// <summary>The manifest's file name inside a scenario folder.</summary>
    public const string ManifestFileName = "scenario.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static Scenario Load(string root)
    {
        root = Path.GetFullPath(root);
        var manifestPath = Path.Combine(root, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new ScenarioManifestException($"'{root}' is not a scenario: it has no {ManifestFileName}.");
        }

        ScenarioManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ScenarioManifest>(File.ReadAllText(manifestPath), JsonOptions)
                ?? throw new ScenarioManifestException($"{ManifestFileName}: the file is empty.");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "" : $" at field '{e.Path.TrimStart('$', '.')}'";
            throw new ScenarioManifestException($"{ManifestFileName}{field}: not valid JSON for a scenario ({e.Message}).", e);
        }

        var bundles = FindBundles(Path.Combine(root, "Plug-ins"));
        Validate(manifest, root, bundles);
        var catalogs = new Dictionary<string, IReadOnlyList<CatalogEntry>>(StringComparer.Ordinal);
        for (var i = 0; i < manifest.Sites!.Count; i++)
        {
            var site = manifest.Sites[i];
            catalogs[site.Name!] = ReadCatalog(root, site.Catalog!, $"sites[{i}].catalog");
        }

        return new Scenario { Root = root, Manifest = manifest, Bundles = bundles, Catalogs = catalogs };
    }

    /// <summary>Every <c>*.bundle</c> folder with an Info.plist naming its <c>CFBundleIdentifier</c>.</summary>
    public static IReadOnlyList<PluginBundle> FindBundles(string pluginsDir)
    {
        if (!Directory.Exists(pluginsDir))
        {
            return [];
        }

        var bundles = new List<PluginBundle>();
        foreach (var dir in Directory.GetDirectories(pluginsDir, "*.bundle").Order(StringComparer.Ordinal))
        {
            if (InfoPlist.TryLoadBundle(dir) is { Identifier: { Length: > 0 } identifier } plist)
            {
                bundles.Add(new PluginBundle(identifier, dir) { Elevated = plist.IsElevated });
            }
        }

        return bundles;
    }

    private static void Validate(ScenarioManifest manifest, string root, IReadOnlyList<PluginBundle> bundles)
    {
        Require(!string.IsNullOrWhiteSpace(manifest.Name), "name", "is required");
        Require(manifest.Sections is { Count: > 0 }, "sections", "must list at least one library section");
        Require(manifest.Sites is not null, "sites", "is required (use [] for none)");
        foreach (var (agent, why) in manifest.OutOfReach ?? [])
        {
            Require(manifest.Sections!.Any(s => s?.Agent == agent), $"outOfReach.{agent}", "names no agent of a section");
            Require(!string.IsNullOrWhiteSpace(why), $"outOfReach.{agent}", "must say why the agent cannot be repaired");
        }
        var sectionIds = new HashSet<int>();
        for (var i = 0; i < manifest.Sections!.Count; i++)
        {
            var section = manifest.Sections[i];
            var at = $"sections[{i}]";
            Require(section is not null, at, "is null");
            Require(section!.Id > 0, $"{at}.id", "must be a positive number");
            Require(sectionIds.Add(section.Id), $"{at}.id", $"repeats section id {section.Id}");
            Require(!string.IsNullOrWhiteSpace(section.Title), $"{at}.title", "is required");
            Require(!string.IsNullOrWhiteSpace(section.Agent), $"{at}.agent", "is required (a bundle identifier under Plug-ins/)");
            Require(section.Provider is null || section.ProvidedByBox || (Uri.TryCreate(section.Provider, UriKind.Absolute, out var provider) && provider.Scheme is "http" or "https"),
                $"{at}.provider", $"must be an absolute http(s) URL of a Custom Metadata Provider, or \"{SectionSpec.SelfProvider}\" for the box's own");
            Require(!section.ProvidedByBox || (section.Type ?? Emulator.SectionType.Movie) is Emulator.SectionType.Movie or Emulator.SectionType.Show,
                $"{at}.provider", $"\"{SectionSpec.SelfProvider}\" serves movie and show sections only, as a Custom Metadata Provider does");
            Require(section.Type is null || Emulator.SectionType.All.Contains(section.Type), $"{at}.type",
                $"must be one of {string.Join(", ", Emulator.SectionType.All)}");
            Require(bundles.Any(b => b.Identifier == section.Agent), $"{at}.agent",
                $"'{section.Agent}' is not the CFBundleIdentifier of any bundle under Plug-ins/");
            Require(section.Items is not null, $"{at}.items", "is required");
            for (var j = 0; j < section.Items!.Count; j++)
            {
                Require(!string.IsNullOrWhiteSpace(section.Items[j]?.File), $"{at}.items[{j}].file", "is required");
            }
        }

        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < manifest.Sites!.Count; i++)
        {
            var site = manifest.Sites[i];
            var at = $"sites[{i}]";
            Require(site is not null, at, "is null");
            Require(!string.IsNullOrWhiteSpace(site!.Name), $"{at}.name", "is required");
            Require(site.Hosts is { Count: > 0 }, $"{at}.hosts", "must list at least one host name");
            foreach (var host in site.Hosts!)
            {
                Require(!string.IsNullOrWhiteSpace(host) && hosts.Add(host), $"{at}.hosts", $"'{host}' is empty or used by another site");
            }

            Require(!string.IsNullOrWhiteSpace(site.Catalog), $"{at}.catalog", "is required");
            Require(File.Exists(Path.Combine(root, site.Catalog!)), $"{at}.catalog", $"file '{site.Catalog}' does not exist");
            Require(site.Routes is { Count: > 0 }, $"{at}.routes", "must list at least one route");
            for (var j = 0; j < site.Routes!.Count; j++)
            {
                var route = site.Routes[j];
                var routeAt = $"{at}.routes[{j}]";
                Require(route?.Path is { Length: > 0 } && route.Path.StartsWith('/'), $"{routeAt}.path", "must start with '/'");
                Require(route!.Kind is "search" or "detail" or "page", $"{routeAt}.kind", "must be 'search', 'detail' or 'page'");
                Require(route.Kind != "detail" || route.Path!.Contains("{id}", StringComparison.Ordinal), $"{routeAt}.path", "of a detail route must contain {id}");
                Require(!string.IsNullOrWhiteSpace(route.Template), $"{routeAt}.template", "is required");
                Require(File.Exists(Path.Combine(root, route.Template!)), $"{routeAt}.template", $"file '{route.Template}' does not exist");
                foreach (var (layout, template) in route.Layouts ?? [])
                {
                    Require(File.Exists(Path.Combine(root, template)), $"{routeAt}.layouts.{layout}", $"file '{template}' does not exist");
                }
            }

            var behaviours = site.Behaviours ?? new SiteBehaviours();
            Require(behaviours.DelayMs >= 0, $"{at}.behaviours.delayMs", "must not be negative");
            Require(behaviours.ServerErrorEvery >= 0, $"{at}.behaviours.serverErrorEvery", "must not be negative");
            Require(behaviours.ResetEvery >= 0, $"{at}.behaviours.resetEvery", "must not be negative");
            foreach (var moved in behaviours.MovedPaths ?? [])
            {
                Require(moved is { Length: > 0 } && moved.StartsWith('/'), $"{at}.behaviours.movedPaths", $"'{moved}' must start with '/'");
            }
            Require(behaviours.Charset is null || IsKnownCharset(behaviours.Charset), $"{at}.behaviours.charset", $"'{behaviours.Charset}' is not a charset .NET knows (e.g. iso-8859-1, us-ascii, utf-8)");
            if (behaviours.RateLimit is { } limit)
            {
                Require(limit.Requests > 0, $"{at}.behaviours.rateLimit.requests", "must be positive");
                Require(limit.PerSeconds > 0, $"{at}.behaviours.rateLimit.perSeconds", "must be positive");
                Require(limit.RetryAfterSeconds >= 0, $"{at}.behaviours.rateLimit.retryAfterSeconds", "must not be negative");
            }
        }
    }

    private static List<CatalogEntry> ReadCatalog(string root, string relative, string field)
    {
        try
        {
            var entries = JsonSerializer.Deserialize<List<CatalogEntry>>(File.ReadAllText(Path.Combine(root, relative)), JsonOptions);
            Require(entries is not null, field, $"'{relative}' is empty");
            return entries!;
        }
        catch (JsonException e)
        {
            throw new ScenarioManifestException($"{ManifestFileName}: {field}: '{relative}' is not a list of entries with id and title ({e.Message}).", e);
        }
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new ScenarioManifestException($"{ManifestFileName}: field '{field}' {problem}.");
        }
    }

    private static bool IsKnownCharset(string name)
    {
        try
        {
            _ = System.Text.Encoding.GetEncoding(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
