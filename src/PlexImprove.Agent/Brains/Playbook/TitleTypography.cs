using System.Text;
using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// Compares two titles that may name the same film in different writing: curly quotes and apostrophes, diacritics,
/// <c>&amp;</c> against <c>and</c>, punctuation (colons, dashes, commas, periods), a leading article or a
/// catalogue-style trailing one (<c>Woodsmen, The</c>), case and spacing. Words are never dropped or reordered
/// otherwise, so a different film stays different. The same normalisation the title rule writes into an agent, in C#,
/// so the rule can confirm it on the site's page before proposing it.
/// </summary>
public static partial class TitleTypography
{
    /// <summary>The typographic differences the normalisation removes, by name.</summary>
    public static IReadOnlyList<string> Differences(string a, string b)
    {
        var found = new List<string>();
        if (HasCurly(a) || HasCurly(b))
        {
            found.Add("curly quotes or apostrophes");
        }

        if (HasDiacritics(a) || HasDiacritics(b))
        {
            found.Add("diacritics");
        }

        if (a.Contains('&', StringComparison.Ordinal) != b.Contains('&', StringComparison.Ordinal))
        {
            found.Add("'&' against 'and'");
        }

        if (TrailingArticle().IsMatch(a.Trim()) || TrailingArticle().IsMatch(b.Trim()))
        {
            found.Add("a trailing article (', The')");
        }

        if (LeadingArticle().IsMatch(Words(Unfiled(a))) != LeadingArticle().IsMatch(Words(Unfiled(b))))
        {
            found.Add("a leading article");
        }

        if (!string.Equals(Punctuation(a), Punctuation(b), StringComparison.Ordinal))
        {
            found.Add("punctuation");
        }

        if (found.Count == 0 && !string.Equals(a, b, StringComparison.Ordinal))
        {
            found.Add("case or spacing");
        }

        return found;
    }

    /// <summary>True when the titles differ as written but agree once their writing is normalised.</summary>
    public static bool DifferOnlyByTypography(string siteTitle, string fileTitle) =>
        !string.Equals(siteTitle.Trim(), fileTitle.Trim(), StringComparison.Ordinal)
        && Normalise(siteTitle).Length > 0
        && string.Equals(Normalise(siteTitle), Normalise(fileTitle), StringComparison.Ordinal);

    /// <summary>Lower case, single spaces, nothing else changed: how most agents compare titles.</summary>
    public static string Plain(string title) => Spaces().Replace(title.Trim().ToLowerInvariant(), " ");

    /// <summary>The typography-free comparison form.</summary>
    public static string Normalise(string title)
    {
        var t = title.Replace('\u2018', '\'').Replace('\u2019', '\'').Replace('\u201A', '\'').Replace('\u2032', '\'')
            .Replace('\u201C', '"').Replace('\u201D', '"').Replace('\u2013', '-').Replace('\u2014', '-');
        t = Ampersand().Replace(StripDiacritics(t), " and ").Trim().ToLowerInvariant();
        var article = TrailingArticle().Match(t);
        if (article.Success)
        {
            t = article.Groups[2].Value + " " + article.Groups[1].Value;
        }

        t = t.Replace("'", "", StringComparison.Ordinal);
        t = NonWord().Replace(t, " ");
        t = Spaces().Replace(t, " ").Trim();

        // "The Ship" and "Ship" name the same film for a site that files it without its article.
        return LeadingArticle().Replace(t, "");
    }

    /// <summary>A catalogue-style <c>Ship, The</c> as <c>The Ship</c>, so it is not also counted as lacking a leading article.</summary>
    private static string Unfiled(string title) =>
        TrailingArticle().Match(title.Trim()) is { Success: true } m ? m.Groups[2].Value + " " + m.Groups[1].Value : title;

    /// <summary>Lower-case words, nothing but letters and digits: where a leading article is looked for.</summary>
    private static string Words(string title) => Spaces().Replace(NonWord().Replace(title.Replace("'", "", StringComparison.Ordinal).ToLowerInvariant(), " "), " ").Trim();

    /// <summary>The punctuation of a title besides quotes and <c>&amp;</c>, which have differences of their own.</summary>
    private static string Punctuation(string title) =>
        new(title.Where(c => char.IsPunctuation(c) && c is not ('\'' or '"' or '&') && !HasCurly(c.ToString())).ToArray());

    // The program runs with invariant globalization, where string.Normalize cannot decompose letters: Latin letters
    // with diacritics are mapped to their base letter here, and combining marks dropped.
    private const string Accented = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžČčĆćĐđŁłŃńŚśŹźŻżĘęĄąŐőŰű";
    private const string BaseLetters = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzCcCcDdLlNnSsZzZzEeAaOoUu";

    private static string StripDiacritics(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '\u0300' and <= '\u036F')
            {
                continue;
            }

            int index = Accented.IndexOf(c, StringComparison.Ordinal);
            sb.Append(index >= 0 ? BaseLetters[index] : c);
        }

        return sb.ToString();
    }

    private static bool HasCurly(string s) => s.AsSpan().IndexOfAny("\u2018\u2019\u201A\u2032\u201C\u201D") >= 0;

    private static bool HasDiacritics(string s) => !string.Equals(StripDiacritics(s), s, StringComparison.Ordinal);

    [GeneratedRegex(@"^(.*),\s*(the|a|an)$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingArticle();

    [GeneratedRegex(@"^(?:the|a|an) ")]
    private static partial Regex LeadingArticle();

    [GeneratedRegex(@"\s*&\s*")]
    private static partial Regex Ampersand();

    [GeneratedRegex(@"[^\w\s]")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
