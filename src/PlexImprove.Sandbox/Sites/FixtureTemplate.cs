using System.Globalization;
using System.Net;
using System.Text;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Sites;

/// <summary>
/// Renders a fixture page: <c>{{field}}</c> (HTML-escaped id, title, year, studio, summary, slug) and, on
/// search pages, one copy of <c>{{#results}}…{{/results}}</c> per matching entry.
/// </summary>
public static class FixtureTemplate
{
    private const string BlockStart = "{{#results}}";
    private const string BlockEnd = "{{/results}}";

    public static string Render(string template, CatalogEntry? entry, IReadOnlyList<CatalogEntry>? results)
    {
        var start = template.IndexOf(BlockStart, StringComparison.Ordinal);
        var end = template.IndexOf(BlockEnd, StringComparison.Ordinal);
        if (start >= 0 && end > start)
        {
            var block = template[(start + BlockStart.Length)..end];
            var rows = new StringBuilder();
            foreach (var result in results ?? [])
            {
                rows.Append(Fill(block, result));
            }

            template = template[..start] + rows + template[(end + BlockEnd.Length)..];
        }

        return entry is null ? template : Fill(template, entry);
    }

    private static string Fill(string text, CatalogEntry entry) => text
        .Replace("{{id}}", Escape(entry.Id), StringComparison.Ordinal)
        .Replace("{{title}}", Escape(entry.Title), StringComparison.Ordinal)
        .Replace("{{year}}", entry.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{{studio}}", Escape(entry.Studio), StringComparison.Ordinal)
        .Replace("{{summary}}", Escape(entry.Summary), StringComparison.Ordinal)
        .Replace("{{slug}}", Escape(Slug(entry.Title)), StringComparison.Ordinal);

    private static string Escape(string value) => WebUtility.HtmlEncode(value);

    private static string Slug(string title) =>
        string.Join('-', new string([.. title.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
