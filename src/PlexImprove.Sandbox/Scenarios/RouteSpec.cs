namespace PlexImprove.Sandbox.Scenarios;

/// <summary>
/// A route of a fake site. <c>search</c> routes render the catalogue entries matching the query parameter;
/// <c>detail</c> routes render the entry whose id fills <c>{id}</c> in the path; <c>page</c> routes render their template
/// as it is (a home page with the site's search form).
/// </summary>
public sealed class RouteSpec
{
    /// <summary>Path template, e.g. <c>/video/{id}</c> or <c>/dvd/{id}.html</c>.</summary>
    public string? Path { get; init; }

    /// <summary><c>search</c>, <c>detail</c> or <c>page</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>The query-string parameter holding the search text (search routes). Default <c>q</c>.</summary>
    public string Query { get; init; } = "q";

    /// <summary>
    /// The page template (relative to the scenario): <c>{{field}}</c>, and <c>{{#results}}…{{/results}}</c> on search pages.
    /// A template named <c>*.json</c> is an API response: served as <c>application/json</c> (see <see cref="Sites.FixtureTemplate"/>).
    /// </summary>
    public string? Template { get; init; }

    /// <summary>Alternative templates per layout name (see <see cref="SiteBehaviours.Layout"/>).</summary>
    public Dictionary<string, string>? Layouts { get; init; }
}
