namespace PlexImprove.Sandbox.Scenarios;

/// <summary>A loaded, validated scenario rooted at <see cref="Root"/>.</summary>
public sealed class Scenario
{
    public required string Root { get; init; }

    public required ScenarioManifest Manifest { get; init; }

    public required IReadOnlyList<PluginBundle> Bundles { get; init; }

    /// <summary>Catalogue entries per site name.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<CatalogEntry>> Catalogs { get; init; }

    public string PluginsDir => System.IO.Path.Combine(Root, "Plug-ins");
}
