using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Sites;

/// <summary>
/// Renders a fixture page: <c>{{field}}</c> (escaped id, title, year, studio, summary, slug) and, on
/// search pages, one copy of <c>{{#results}}…{{/results}}</c> per matching entry. An HTML template gets values
/// HTML-escaped; a JSON template (<see cref="IsJson"/>) gets them escaped for a JSON string and its copies of the
/// block separated by commas, so <c>[{{#results}}{"title": "{{title}}"}{{/results}}]</c> is a valid array.
/// </summary>
public static class FixtureTemplate
{
    private const string BlockStart = "{{#results}}";
    private const string BlockEnd = "{{/results}}";

    /// <summary>True for a template served as <c>application/json</c>: its file name ends with <c>.json</c>.</summary>
    public static bool IsJson(string templatePath) => templatePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static string Render(string template, CatalogEntry? entry, IReadOnlyList<CatalogEntry>? results, bool json = false)
    {
        Func<string, string> escape = json ? EscapeJson : Escape;
        var start = template.IndexOf(BlockStart, StringComparison.Ordinal);
        var end = template.IndexOf(BlockEnd, StringComparison.Ordinal);
        if (start >= 0 && end > start)
        {
            var block = template[(start + BlockStart.Length)..end];
            var rows = new StringBuilder();
            foreach (var result in results ?? [])
            {
                if (json && rows.Length > 0)
                {
                    rows.Append(',');
                }

                rows.Append(Fill(block, result, escape));
            }

            template = template[..start] + rows + template[(end + BlockEnd.Length)..];
        }

        return entry is null ? template : Fill(template, entry, escape);
    }

    private static string Fill(string text, CatalogEntry entry, Func<string, string> escape) => text
        .Replace("{{id}}", escape(entry.Id), StringComparison.Ordinal)
        .Replace("{{title}}", escape(entry.Title), StringComparison.Ordinal)
        .Replace("{{year}}", entry.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{{studio}}", escape(entry.Studio), StringComparison.Ordinal)
        .Replace("{{summary}}", escape(entry.Summary), StringComparison.Ordinal)
        .Replace("{{slug}}", escape(Slug(entry.Title)), StringComparison.Ordinal);

    /// <summary>Markup characters escaped; other text kept as written, as sites send it (the charset decides the bytes).</summary>
    private static string Escape(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>The value as the inside of a JSON string; non-ASCII text stays UTF-8, as APIs send it.</summary>
    private static string EscapeJson(string value)
    {
        var quoted = JsonSerializer.Serialize(value, JsonOptions);
        return quoted[1..^1];
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Slug(string title) =>
        string.Join('-', new string([.. title.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
