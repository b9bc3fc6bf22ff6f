using System.Text;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Mcp.Resources;

/// <summary>
/// The run folder's reports as read-only MCP resources: <c>final_improvement_report.md</c>, <c>loop_state.json</c>,
/// <c>decision_log.json</c> at the top, each <c>iteration_N/</c>'s Markdown and JSON reports (never the backups), and
/// the lesson book. URIs are <c>plex-improve://work/…</c> and <c>plex-improve://lessons/lessons_learned.md</c>;
/// nothing outside those files can be named, so a URI cannot escape the work folder.
/// </summary>
public sealed partial class RunFolderResources
{
    public const string Scheme = "plex-improve";
    private const string WorkPrefix = Scheme + "://work/";
    private const string LessonsUri = Scheme + "://lessons/lessons_learned.md";

    /// <summary>A report longer than this is cut (with a note): one read must not send a client hundreds of megabytes.</summary>
    public const int MaxResourceChars = 2_000_000;

    private static readonly string[] TopLevelFiles = ["final_improvement_report.md", "loop_state.json", "decision_log.json"];

    private readonly SecretRedactor _redactor;
    private readonly ConfinedRoot _work;

    /// <param name="workDir">The work folder holding <c>iteration_N/</c>.</param>
    /// <param name="lessonsFile">The lesson book (<c>lessons/lessons_learned.md</c>), or null.</param>
    /// <param name="redactor">Masks secrets in what is read.</param>
    public RunFolderResources(string workDir, string? lessonsFile, SecretRedactor redactor)
    {
        _work = new ConfinedRoot(workDir, "work folder");
        LessonsFile = lessonsFile is null ? null : Path.GetFullPath(lessonsFile);
        _redactor = redactor;
    }

    /// <summary>The work folder, symlinks resolved.</summary>
    public string WorkDir => _work.FullPath;

    public string? LessonsFile { get; }

    /// <summary>Every report that exists now, top-level files first, then iterations in number order.</summary>
    public IReadOnlyList<Resource> List()
    {
        var found = new List<Resource>();
        foreach (var name in TopLevelFiles)
        {
            AddIfFile(found, Path.Combine(WorkDir, name), WorkPrefix + name);
        }

        if (Directory.Exists(WorkDir))
        {
            var iterations = Directory.EnumerateDirectories(WorkDir)
                .Where(_work.Contains)
                .Select(d => (Dir: d, Match: IterationFolder().Match(Path.GetFileName(d))))
                .Where(x => x.Match.Success)
                .OrderBy(x => int.Parse(x.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (dir, _) in iterations)
            {
                foreach (var file in Directory.EnumerateFiles(dir).Where(IsReport).Order(StringComparer.Ordinal))
                {
                    AddIfFile(found, file, WorkPrefix + Path.GetFileName(dir) + "/" + Path.GetFileName(file));
                }
            }
        }

        if (LessonsFile is not null)
        {
            AddIfFile(found, LessonsFile, LessonsUri);
        }

        return found;
    }

    /// <summary>The report named by <paramref name="uri"/>, secrets masked.</summary>
    public async Task<ReadResourceResult> ReadAsync(string uri, CancellationToken cancellationToken)
    {
        string path = Resolve(uri);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new McpException($"'{uri}' does not exist (yet): a run writes it. List resources to see what exists.");
        }

        return new ReadResourceResult
        {
            Contents = [new TextResourceContents { Uri = uri, MimeType = MimeType(path), Text = Capped(_redactor.Redact(text)) }],
        };
    }

    /// <summary>The file behind <paramref name="uri"/>; refuses anything that is not one of the reports.</summary>
    public string Resolve(string uri)
    {
        if (string.Equals(uri, LessonsUri, StringComparison.Ordinal) && LessonsFile is not null)
        {
            return LessonsFile;
        }

        if (uri.StartsWith(WorkPrefix, StringComparison.Ordinal))
        {
            string relative = Uri.UnescapeDataString(uri[WorkPrefix.Length..]);
            string[] parts = relative.Split('/');
            bool allowed = parts switch
            {
                [var name] => TopLevelFiles.Contains(name, StringComparer.Ordinal),
                [var folder, var name] => IterationFolder().IsMatch(folder) && IsReport(name) && IsPlainName(name),
                _ => false,
            };
            if (allowed)
            {
                try
                {
                    // Every folder on the way counts: a symlinked iteration folder leading out is refused like a symlinked file.
                    var confined = _work.Resolve(relative);
                    if (confined.RelativePath == relative)
                    {
                        return confined.FullPath;
                    }
                }
                catch (PathConfinementException)
                {
                    // Not a report of this server: answered below.
                }
            }
        }

        throw new McpException(
            $"'{uri}' is not a report of this server. Resources are {WorkPrefix}<final_improvement_report.md|loop_state.json|decision_log.json>, " +
            $"{WorkPrefix}iteration_N/<report>.md|.json and {LessonsUri}.");
    }

    /// <summary>The URI a file under the work folder or the lesson book is served as, or null when it is not a report.</summary>
    public string? UriOf(string path)
    {
        string full = Path.GetFullPath(path);
        if (LessonsFile is not null && string.Equals(full, LessonsFile, StringComparison.Ordinal))
        {
            return LessonsUri;
        }

        string uri;
        try
        {
            uri = WorkPrefix + _work.Resolve(full).RelativePath;
        }
        catch (PathConfinementException)
        {
            return null;
        }

        try
        {
            Resolve(uri);
            return uri;
        }
        catch (McpException)
        {
            return null;
        }
    }

    private void AddIfFile(List<Resource> found, string path, string uri)
    {
        var info = new FileInfo(path);
        if (!info.Exists || (!_work.Contains(path) && !string.Equals(path, LessonsFile, StringComparison.Ordinal)))
        {
            return;
        }

        found.Add(new Resource
        {
            Uri = uri,
            Name = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..],
            Description = Describe(info.Name),
            MimeType = MimeType(path),
            Size = info.Length,
        });
    }

    private static string Capped(string text) => text.Length <= MaxResourceChars
        ? text
        : string.Concat(text.AsSpan(0, MaxResourceChars),
            $"\n[truncated: {MaxResourceChars.ToString(System.Globalization.CultureInfo.InvariantCulture)} of {text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} characters shown; read the file itself for the rest]\n");

    private static bool IsReport(string path)
    {
        string ext = Path.GetExtension(path);
        return string.Equals(ext, ".md", StringComparison.OrdinalIgnoreCase) || string.Equals(ext, ".json", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0 && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && name is not "." and not ".." && !name.Contains('\\', StringComparison.Ordinal);

    private static string MimeType(string path) =>
        string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "text/markdown";

    private static string Describe(string name) => name switch
    {
        "final_improvement_report.md" => "The run's final improvement report.",
        "loop_state.json" => "The loop's saved state (iteration, phase, queue of fixes).",
        "decision_log.json" => "Every KEEP / MONITOR / ROLLBACK decision with its evidence.",
        "metrics.json" => "Phase 1 metrics for this iteration: success rates per agent and error signatures.",
        "aggregated_logs.md" => "Phase 1 aggregated plugin logs for this iteration.",
        "lessons_learned.md" => "Lessons learned (scored DO / DON'T rules).",
        "post_mortem_analysis.md" => "Phase 5 post-mortem: expected versus observed per fix.",
        "implementation_log.json" => "Phase 3 implementation log: what was changed, backed up and gated.",
        _ when name.StartsWith("diagnostic_report", StringComparison.Ordinal) => "Phase 2 diagnostic report.",
        _ when name.StartsWith("test_report_", StringComparison.Ordinal) => "Phase 4 test report for one fix.",
        _ => "A run report.",
    };

    [GeneratedRegex(@"^iteration_(\d{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex IterationFolder();
}
