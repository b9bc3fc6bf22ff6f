using System.Text.RegularExpressions;
using PlexImprove.Agent.Sites;

namespace PlexImprove.Agent.Brains.Playbook.Network;

/// <summary>
/// Recognises a page that stands between every client and the site's content and that no change to an agent's code
/// passes: a browser-verification challenge (Cloudflare's "Just a moment...", a captcha) or a login wall.
/// </summary>
public static partial class BlockingPage
{
    private static readonly string[] ChallengeMarkers =
    [
        "<title>Just a moment...</title>", "/cdn-cgi/challenge-platform", "cf-browser-verification", "cf_chl_opt",
        "Checking your browser before accessing", "Checking if the site connection is secure", "Attention Required! | Cloudflare",
        "DDoS protection by", "g-recaptcha", "h-captcha", "cf-turnstile", "Please verify you are a human",
    ];

    /// <summary>What blocks the page, in words, or null when it is an ordinary answer.</summary>
    public static string? Describe(FetchedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Headers.Any(h => string.Equals(h.Key, "cf-mitigated", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("challenge", StringComparison.OrdinalIgnoreCase)))
        {
            return $"a browser-verification challenge (HTTP {page.Status}, cf-mitigated: challenge)";
        }

        if (ChallengeMarkers.FirstOrDefault(m => page.Body.Contains(m, StringComparison.OrdinalIgnoreCase)) is { } marker)
        {
            return $"a browser-verification challenge (HTTP {page.Status}, the page holds '{marker}')";
        }

        bool password = HasPasswordField(page.Body);
        if (page.Status == 401 || page.Headers.Any(h => string.Equals(h.Key, "WWW-Authenticate", StringComparison.OrdinalIgnoreCase)))
        {
            return $"a login wall (HTTP {page.Status}: the site asks for credentials)";
        }

        if (password && (page.Status is 403 || LoginPath().IsMatch(page.Url.AbsolutePath) || LoginTitle().IsMatch(page.Body)))
        {
            return $"a login wall (HTTP {page.Status}, a sign-in form with a password field instead of the page asked for)";
        }

        return null;
    }

    /// <summary>Whether the HTML holds a password input: a sign-in form, never a search.</summary>
    public static bool HasPasswordField(string html) => PasswordInput().IsMatch(html);

    [GeneratedRegex(@"<input[^>]+type\s*=\s*[""']?password", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInput();

    [GeneratedRegex(@"/(login|signin|sign-in|log-in|account/login|user/login)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LoginPath();

    [GeneratedRegex(@"<title>[^<]*(log ?in|sign ?in)[^<]*</title>", RegexOptions.IgnoreCase)]
    private static partial Regex LoginTitle();
}
