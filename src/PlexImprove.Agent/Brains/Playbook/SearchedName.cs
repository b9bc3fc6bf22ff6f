using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// The name Plex searched for, and the film title inside it when it is a file name in the common
/// <c>(Studio) - Title (Year)</c> form: agents that parse their file names compare the site's titles with that title,
/// not with the whole name.
/// </summary>
public static partial class SearchedName
{
    /// <summary><paramref name="name"/> itself, then the title it holds without a leading bracketed studio and a trailing year, when different.</summary>
    public static IEnumerable<string> Forms(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        yield return name;
        var title = TrailingYear().Replace(LeadingStudio().Replace(name.Trim(), ""), "").Trim();
        if (title.Length > 0 && !string.Equals(title, name.Trim(), StringComparison.Ordinal))
        {
            yield return title;
        }
    }

    [GeneratedRegex(@"^[\(\[][^\)\]]+[\)\]]\s*-?\s*")]
    private static partial Regex LeadingStudio();

    [GeneratedRegex(@"\s*[\(\[](?:19|20)\d\d[\)\]]$")]
    private static partial Regex TrailingYear();
}
