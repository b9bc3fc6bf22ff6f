namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>The request headers a desktop browser sends, which sites that refuse scripts expect.</summary>
public static class BrowserHeaders
{
    public const string UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
    public const string Accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    public const string AcceptLanguage = "en-US,en;q=0.9";

    public static IReadOnlyDictionary<string, string> AsDictionary { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["User-Agent"] = UserAgent,
        ["Accept"] = Accept,
        ["Accept-Language"] = AcceptLanguage,
    };

    /// <summary>The same headers as a Python 2.7 dict literal.</summary>
    public static string PythonDict => "{'User-Agent': '" + UserAgent + "', 'Accept': '" + Accept + "', 'Accept-Language': '" + AcceptLanguage + "'}";
}
