namespace PlexImprove.Loop.Tests.Support;

/// <summary>The demo's AEBN agent and the title fix that makes its items match, as the sandbox loop tests apply it.</summary>
internal static class AebnTitleFix
{
    public const string Aebn = "com.plexapp.agents.AEBN";
    public const string AebnCode = "AEBN.bundle/Contents/Code/__init__.py";

    /// <summary>The line the fix replaces.</summary>
    public const string TitleLine = "    title = title.lower().strip()\n";

    /// <summary>Curly apostrophes made plain and a trailing article moved to the front, as the site writes titles.</summary>
    public const string TitleFix =
        "    title = title.replace(u'\\u2019', \"'\").lower().strip()\n" +
        "    for article in ('the', 'a', 'an'):\n" +
        "        if title.endswith(', ' + article):\n" +
        "            title = article + ' ' + title[:-len(article) - 2]\n";
}
