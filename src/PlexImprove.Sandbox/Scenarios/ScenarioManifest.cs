namespace PlexImprove.Sandbox.Scenarios;

/// <summary>
/// A scenario's <c>scenario.json</c>: the library (sections and items), and the fake metadata sites the
/// agents under <c>Plug-ins/</c> talk to.
/// </summary>
public sealed class ScenarioManifest
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public List<SectionSpec>? Sections { get; init; }

    public List<SiteSpec>? Sites { get; init; }
}
