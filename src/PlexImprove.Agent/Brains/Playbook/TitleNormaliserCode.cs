namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// The Python 2.7 form of <see cref="TitleTypography.Normalise"/>, written for Plex's loader: no names starting with an
/// underscore, no augmented assignment, no iteration over a string. Emitted either at the top of the agent's own
/// normalising function or as a module-level function its comparisons call.
/// </summary>
internal static class TitleNormaliserCode
{
    /// <summary>The module-level function the comparison rewrite wraps both sides in.</summary>
    public const string FunctionName = "comparable_title";

    /// <summary>Statements that normalise <paramref name="p"/> in place, each line prefixed by <paramref name="indent"/>.</summary>
    public static string Statements(string indent, string p)
    {
        string[] lines =
        [
            "# Titles the site and the file may write differently: quotes, diacritics, '&', punctuation, articles, case.",
            "import re as typography_re",
            "import unicodedata as typography_unicodedata",
            $"if isinstance({p}, str):",
            $"    {p} = {p}.decode('utf-8', 'replace')",
            $"{p} = {p}.replace(u'\\u2018', u\"'\").replace(u'\\u2019', u\"'\").replace(u'\\u201a', u\"'\").replace(u'\\u2032', u\"'\")",
            $"{p} = {p}.replace(u'\\u201c', u'\"').replace(u'\\u201d', u'\"').replace(u'\\u2013', u'-').replace(u'\\u2014', u'-')",
            $"{p} = typography_re.sub(u'[\\u0300-\\u036f]', u'', typography_unicodedata.normalize('NFKD', {p}))",
            $"{p} = typography_re.sub(u'\\\\s*&\\\\s*', u' and ', {p}).strip().lower()",
            $"{p} = typography_re.sub(u'^(.*),\\\\s*(the|a|an)$', u'\\\\2 \\\\1', {p})",
            $"{p} = typography_re.sub(u'(?u)[^\\\\w\\\\s]', u' ', {p}.replace(u\"'\", u''))",
            $"{p} = typography_re.sub(u'(?u)\\\\s+', u' ', {p}).strip()",
            $"{p} = typography_re.sub(u'^(?:the|a|an) ', u'', {p})",
        ];
        return string.Concat(lines.Select(l => indent + l + "\n"));
    }

    /// <summary>
    /// <c>def comparable_title(text)</c> at module level. Lists and tuples are normalised item by item, so
    /// <c>title in titles</c> keeps working once both sides are wrapped; anything else that is not text is returned as is.
    /// </summary>
    public static string Function(string indentUnit)
    {
        var body = indentUnit;
        return $"def {FunctionName}(text):\n"
            + $"{body}'''The title as the site and the file both write it, for comparisons.'''\n"
            + $"{body}if isinstance(text, (list, tuple)):\n"
            + $"{body}{body}return [{FunctionName}(item) for item in text]\n"
            + $"{body}if not isinstance(text, basestring):\n"
            + $"{body}{body}return text\n"
            + Statements(body, "text")
            + $"{body}return text\n\n\n";
    }
}
