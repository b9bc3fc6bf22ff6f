namespace PlexImprove.Core.Html;

/// <summary>
/// What an XPath 1.0 expression gave on a page: a node set (<see cref="Matches"/>, at most the requested number,
/// <see cref="Total"/> counting all) or a scalar (number, string, boolean) in <see cref="Scalar"/>.
/// </summary>
public sealed record HtmlXPathResult(string Expression, IReadOnlyList<HtmlXPathMatch> Matches, int Total, string? Scalar);
