using System.Net;
using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Brains.Playbook.Network;

/// <summary>
/// A search form a site serves (its home page's <c>&lt;form method="get"&gt;</c> with a text or search field): where it
/// sends the query (<see cref="Path"/>), the field that carries it and the hidden fields sent along.
/// </summary>
public sealed partial class SearchForm
{
    /// <summary>The absolute path the form submits to (<c>/catalogue/find</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The host the form submits to.</summary>
    public required string Host { get; init; }

    /// <summary>The name of the field holding the search text.</summary>
    public required string Field { get; init; }

    /// <summary>Hidden fields the form sends along, in page order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Hidden { get; init; } = [];

    /// <summary>Whether the field is <c>type="search"</c> or the form is named like a search: the likelier candidate first.</summary>
    public bool LooksLikeSearch { get; init; }

    /// <summary>The GET forms with a text field in <paramref name="html"/>, served at <paramref name="page"/>, likeliest first; login forms are left out.</summary>
    public static IReadOnlyList<SearchForm> FindAll(string html, Uri page)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(page);
        var forms = new List<SearchForm>();
        foreach (Match form in Form().Matches(html))
        {
            var attributes = form.Groups["attributes"].Value;
            var body = form.Groups["body"].Value;
            var method = Attribute(attributes, "method");
            if ((method is not null && !method.Equals("get", StringComparison.OrdinalIgnoreCase)) || BlockingPage.HasPasswordField(body))
            {
                continue;
            }

            string? field = null;
            bool searchType = false;
            var hidden = new List<KeyValuePair<string, string>>();
            foreach (Match input in Input().Matches(body))
            {
                var name = Attribute(input.Value, "name");
                var type = Attribute(input.Value, "type")?.ToLowerInvariant() ?? "text";
                if (string.IsNullOrEmpty(name))
                {
                    continue;
                }

                if (type == "hidden")
                {
                    hidden.Add(new(name, Attribute(input.Value, "value") ?? ""));
                }
                else if (field is null && type is "text" or "search")
                {
                    field = name;
                    searchType = type == "search";
                }
            }

            if (field is null || !Uri.TryCreate(page, Attribute(attributes, "action") ?? page.AbsolutePath, out var target) || target.Scheme is not ("http" or "https"))
            {
                continue;
            }

            forms.Add(new SearchForm
            {
                Path = target.AbsolutePath,
                Host = target.Host,
                Field = field,
                Hidden = hidden,
                LooksLikeSearch = searchType || SearchWords().IsMatch(attributes + " " + target.AbsolutePath),
            });
        }

        return [.. forms.OrderByDescending(f => f.LooksLikeSearch)];
    }

    private static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, @"\b" + name + @"\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)'|(?<v>[^\s>]+))", RegexOptions.IgnoreCase);
        return m.Success ? WebUtility.HtmlDecode(m.Groups["v"].Value) : null;
    }

    [GeneratedRegex(@"<form\b(?<attributes>[^>]*)>(?<body>.*?)</form>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();

    [GeneratedRegex(@"search|find|query|recherche|suche|buscar", RegexOptions.IgnoreCase)]
    private static partial Regex SearchWords();
}
