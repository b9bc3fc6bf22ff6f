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

    /// <summary>
    /// Agents no change to their code can repair from here (a site behind a challenge page, a site gone), each with
    /// why: the scenario's ground truth, written by its author. <c>bench scenarios</c> holds their items out of the
    /// matched share and requires the loop to have declared each one unfixable.
    /// </summary>
    public Dictionary<string, string>? OutOfReach { get; init; }
}
