namespace PlexImprove.Agent.Brains.Playbook.Network;

/// <summary>
/// The Python 2.7 helper that retries a fetcher call after a transient failure (a 5xx answer, a dropped connection,
/// a failed handshake) with a doubling pause taken through the Framework's <c>Thread.Sleep</c>. Written for Plex's
/// restricted runtime: no underscore names, no <c>getattr</c>, no augmented operator other than <c>+=</c>. A 4xx
/// answer is the site's considered reply and is raised at once.
/// </summary>
public static class RetryWrapper
{
    /// <summary>The helper's name in agent code.</summary>
    public const string FunctionName = "fetch_with_retry";

    /// <summary>How many times a call is tried in all.</summary>
    public const int Attempts = 4;

    /// <summary>The first pause, in seconds; each next one is twice as long (1, 2, 4 s).</summary>
    public const double FirstPauseSeconds = 1.0;

    /// <summary>The helper's definition, followed by two blank lines.</summary>
    public static string Definition(string newline) => string.Join(newline,
        $"def {FunctionName}(fetch, *args, **kwargs):",
        "    # The site fails now and then (5xx answers, dropped connections): try again after a growing pause.",
        $"    pause = {FirstPauseSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}",
        "    attempt = 1",
        "    while True:",
        "        try:",
        "            return fetch(*args, **kwargs)",
        "        except Exception as error:",
        $"            if attempt >= {Attempts} or 'HTTP Error 4' in str(error):",
        "                raise",
        "            Log.Debug('Retrying after a transient failure (attempt %d, pause %.1f s): %s' % (attempt, pause, str(error)))",
        "            Thread.Sleep(pause)",
        "            pause = pause * 2",
        "            attempt += 1",
        "",
        "",
        "");

    /// <summary>Where the helper goes in a module: before its first top-level <c>def</c>, <c>class</c> or decorator.</summary>
    public static int InsertionPoint(string text)
    {
        int index = 0;
        while (index < text.Length)
        {
            int eol = text.IndexOf('\n', index);
            var line = eol < 0 ? text[index..] : text[index..eol];
            if (line.StartsWith("def ", StringComparison.Ordinal) || line.StartsWith("class ", StringComparison.Ordinal) || line.StartsWith('@'))
            {
                return index;
            }

            if (eol < 0)
            {
                break;
            }

            index = eol + 1;
        }

        return text.Length;
    }
}
