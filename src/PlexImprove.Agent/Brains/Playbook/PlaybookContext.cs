using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Sites;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>What every rule shares during one diagnosis: the request, the options, the page fetcher and the notes for the report.</summary>
public sealed class PlaybookContext
{
    private readonly List<string> _notes = [];
    private readonly Dictionary<string, FetchedPage> _pages = new(StringComparer.Ordinal);

    public PlaybookContext(DiagnosisRequest request, PlaybookBrainOptions options)
    {
        Request = request;
        Options = options;
    }

    /// <summary>The lesson tag that makes the unblocking rules pace requests too.</summary>
    public const string PacingTag = "pacing";

    public DiagnosisRequest Request { get; }

    public PlaybookBrainOptions Options { get; }

    public LessonBook Lessons => Request.Lessons;

    public IReadOnlyList<string> Notes => _notes;

    public void Note(string note)
    {
        if (!_notes.Contains(note, StringComparer.Ordinal))
        {
            _notes.Add(note);
        }
    }

    /// <summary>
    /// GETs <paramref name="url"/> (once per URL and header set during a diagnosis); null when there is no fetcher or
    /// the URL is not absolute http(s). Network failures come back in the page (status 0 and the error).
    /// </summary>
    public async Task<FetchedPage?> FetchAsync(string url, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        if (Options.Fetcher is null)
        {
            Note("No page fetcher was configured: rules that confirm a cause on the site's pages proposed nothing for it.");
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var key = url + "|" + (headers is null ? "" : string.Join(";", headers.Select(h => h.Key + "=" + h.Value)));
        if (_pages.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var page = await Options.Fetcher.FetchAsync(new PageRequest { Url = uri, Headers = headers ?? new Dictionary<string, string>(), Timeout = Options.FetchTimeout }, cancellationToken).ConfigureAwait(false);
        _pages[key] = page;
        return page;
    }

    /// <summary>
    /// The best diagnose-phase DO lesson tagged <c>pacing</c>, if one is in force (score above 0). Matched on the tag,
    /// not on wording, so a lesson only changes proposals when it was written (or learned) to do so.
    /// </summary>
    public LessonRule? PacingLesson() =>
        Lessons.Top(LessonPhase.Diagnose, LessonBook.MaxRulesPerPhase)
            .FirstOrDefault(r => r.Polarity == LessonPolarity.Do && r.Score > 0 && r.Tags.Contains(PacingTag, StringComparer.OrdinalIgnoreCase));

    /// <summary>Lessons of the diagnose phase whose tags include any of <paramref name="tags"/>.</summary>
    public IReadOnlyList<LessonRule> LessonsTagged(params string[] tags) =>
        [.. Lessons.Top(LessonPhase.Diagnose, LessonBook.MaxRulesPerPhase).Where(r => r.Score > 0 && r.Tags.Any(t => tags.Contains(t, StringComparer.OrdinalIgnoreCase)))];
}
