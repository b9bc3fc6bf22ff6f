using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PlexImprove.Agent.Lessons;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Changes.Patches;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>
/// Checks a report a brain wrote before anything trusts it: required fields, fix ids, agents, paths relative to
/// the Plug-ins root (and existing there), patch formats (a diff that parses; edits whose <c>old</c> occurs exactly
/// once), metric names and targets, lesson ids. Returns every problem in words, so a model can repair its answer.
/// Whether a patch applies cleanly and passes the Python 2.7 gate is the verifier's job, not this one's.
/// </summary>
public sealed partial class DiagnosticReportValidator
{
    private static readonly HashSet<string> CounterMetrics = new(StringComparer.Ordinal)
    {
        "successRate", "searchesStarted", "searchesSucceeded", "searchesFailed", "searchesUnfinished", "updatesStarted",
        "updatesSucceeded", "updatesFailed", "updatesUnfinished", "titleMatchFailures", "studioMatchFailures",
        "dateMatchFailures", "durationMatchFailures", "noResults", "urlErrors", "timeouts", "modelReadErrors",
        "loadFailures", "httpErrors", "exceptions",
    };

    private readonly PluginsRoot _root;
    private readonly NewNetworkHosts _hosts;
    private readonly LessonBook _lessons;
    private readonly IReadOnlySet<string> _signatureIds;
    private readonly IReadOnlySet<string>? _researchCalls;

    /// <param name="root">The Plug-ins root every patched file must lie in.</param>
    /// <param name="lessons">The lessons in force (ids a fix may cite in <c>lessonsApplied</c>).</param>
    /// <param name="signatureIds">The signature ids of the diagnosed window (ids a fix may cite as evidence).</param>
    /// <param name="researchCalls">
    /// The transcript ids of the research tool calls made so far in this conversation (a fix may cite them as
    /// <c>research</c> evidence); filled as the conversation goes. Null: research citations are not checked.
    /// </param>
    public DiagnosticReportValidator(PluginsRoot root, LessonBook lessons, IEnumerable<string> signatureIds, IReadOnlySet<string>? researchCalls = null)
    {
        _researchCalls = researchCalls;
        _root = root;
        _hosts = new NewNetworkHosts(root);
        _lessons = lessons;
        _signatureIds = new HashSet<string>(signatureIds, StringComparer.Ordinal);
    }

    /// <summary>Every problem of the report, one sentence each naming the fix and field; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(DiagnosticReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var errors = new List<string>();
        if (report.SchemaVersion != DiagnosticReport.CurrentSchemaVersion)
        {
            errors.Add($"schemaVersion must be {DiagnosticReport.CurrentSchemaVersion}, not {report.SchemaVersion}.");
        }

        if (report.Fixes is null)
        {
            errors.Add("fixes is missing (use an empty list when nothing can be fixed).");
            return errors;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < report.Fixes.Count; i++)
        {
            var fix = report.Fixes[i];
            if (fix is null)
            {
                errors.Add($"fixes[{i}] is null.");
                continue;
            }

            errors.AddRange(ValidateFix(fix, i, ids));
        }

        foreach (var uncovered in report.Uncovered ?? [])
        {
            if (uncovered is null || string.IsNullOrWhiteSpace(uncovered.SignatureId) || string.IsNullOrWhiteSpace(uncovered.Reason))
            {
                errors.Add("every uncovered entry needs signatureId, text and reason.");
            }
        }

        return errors;
    }

    /// <summary>The problems of one fix (<paramref name="index"/> names it when it has no id); <paramref name="seenIds"/> catches duplicates across calls.</summary>
    public IReadOnlyList<string> ValidateFix(FixProposal fix, int index, ISet<string> seenIds)
    {
        ArgumentNullException.ThrowIfNull(fix);
        ArgumentNullException.ThrowIfNull(seenIds);
        var errors = new List<string>();
        string where = string.IsNullOrWhiteSpace(fix.Id) ? $"fixes[{index}]" : $"fix '{fix.Id}'";
        ValidateFix(fix, where, seenIds, errors);
        return errors;
    }

    private void ValidateFix(FixProposal fix, string where, ISet<string> ids, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(fix.Id) || !FixId().IsMatch(fix.Id))
        {
            errors.Add($"{where}: id must be 1-64 letters, digits (starting with a letter or digit), '.', '_' or '-' (it names backups and test reports).");
        }
        else if (!ids.Add(fix.Id))
        {
            errors.Add($"{where}: the id is used by another fix; ids must be unique.");
        }

        Require(fix.Title, "title");
        Require(fix.RootCause, "rootCause");
        if (fix.Agents is null || fix.Agents.Count == 0 || fix.Agents.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{where}: agents must name at least one agent identifier (com.plexapp.agents.X).");
        }

        if (fix.ExpectedVsObserved is null)
        {
            errors.Add($"{where}: expectedVsObserved {{ expected, observed, divergencePoint }} is required.");
        }
        else
        {
            Require(fix.ExpectedVsObserved.Expected, "expectedVsObserved.expected");
            Require(fix.ExpectedVsObserved.Observed, "expectedVsObserved.observed");
            Require(fix.ExpectedVsObserved.DivergencePoint, "expectedVsObserved.divergencePoint");
        }

        if (double.IsNaN(fix.Confidence) || fix.Confidence < 0 || fix.Confidence > 1)
        {
            errors.Add($"{where}: confidence must be between 0 and 1, not {fix.Confidence.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (fix.ExpectedResults is null || fix.ExpectedResults.Count == 0)
        {
            errors.Add($"{where}: expectedResults must state at least one measurable result before any change.");
        }
        else
        {
            foreach (var expected in fix.ExpectedResults)
            {
                ValidateExpected(expected, where, errors);
            }
        }

        foreach (var evidence in fix.Evidence ?? [])
        {
            if (evidence is { Kind: "signature", Ref: { } signatureId } && _signatureIds.Count > 0 && !_signatureIds.Contains(signatureId))
            {
                errors.Add($"{where}: evidence cites signature '{signatureId}', which the digest does not hold; cite ids from list_signatures.");
            }

            if (evidence.Kind == "research" && _researchCalls is not null && (evidence.Ref is not { } callId || !_researchCalls.Contains(callId)))
            {
                errors.Add(_researchCalls.Count == 0
                    ? $"{where}: evidence cites research '{evidence.Ref}', but no research tool was called in this conversation; cite what you read instead."
                    : $"{where}: evidence cites research '{evidence.Ref}', which is not the id of a research tool call here ({string.Join(", ", _researchCalls.Order(StringComparer.Ordinal))}).");
            }
        }

        foreach (var lessonId in fix.LessonsApplied ?? [])
        {
            if (_lessons.Find(lessonId) is null)
            {
                errors.Add($"{where}: lessonsApplied names '{lessonId}', which is not a lesson in force.");
            }
        }

        if (fix.Patch is not null)
        {
            ValidatePatch(fix.Patch, where, errors);
        }

        void Require(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{where}: {field} is required.");
            }
        }
    }

    private static void ValidateExpected(ExpectedResult expected, string where, List<string> errors)
    {
        if (expected is null || string.IsNullOrWhiteSpace(expected.Metric))
        {
            errors.Add($"{where}: every expected result needs a metric.");
            return;
        }

        string metric = expected.Metric;
        bool known = CounterMetrics.Contains(metric) || HttpMetric().IsMatch(metric) || NamedMetric().IsMatch(metric);
        if (!known)
        {
            errors.Add($"{where}: metric '{metric}' is unknown; use successRate, a counter such as timeouts or titleMatchFailures, http.<status>, exception.<Type> or signature.<id>.");
        }

        if (expected.Target is { } target)
        {
            if (metric == "successRate" && (target < 0 || target > 1))
            {
                errors.Add($"{where}: the successRate target must be a rate between 0 and 1, not {target.ToString(CultureInfo.InvariantCulture)}.");
            }
            else if (target < 0 || double.IsNaN(target))
            {
                errors.Add($"{where}: the target of {metric} must not be negative.");
            }
        }
    }

    private void ValidatePatch(ProposedPatch patch, string where, List<string> errors)
    {
        if (patch.Format == PatchFormatKind.UnifiedDiff)
        {
            if (string.IsNullOrWhiteSpace(patch.Diff))
            {
                errors.Add($"{where}: patch.content must hold the unified diff text.");
                return;
            }

            PatchDocument document;
            try
            {
                document = PatchReader.Parse(Encoding.UTF8.GetBytes(patch.Diff));
            }
            catch (PlexImproveException e)
            {
                errors.Add($"{where}: the unified diff cannot be read: {e.Message}");
                return;
            }

            foreach (var file in document.Files)
            {
                CheckPath(file.Path, mustExist: true);
            }

            foreach (var (file, added, removed) in NewNetworkHosts.ChangesOf(document))
            {
                CheckHosts(file, added, removed);
            }

            CheckOneBundle(document.Files.Select(f => f.Path));
            return;
        }

        if (patch.Edits is null || patch.Edits.Count == 0)
        {
            errors.Add($"{where}: patch.content must list at least one edit {{ file, old, new }}.");
            return;
        }

        CheckOneBundle(patch.Edits.Where(e => e is not null && !string.IsNullOrWhiteSpace(e.File)).Select(e => e.File));
        foreach (var edit in patch.Edits)
        {
            if (edit is null || string.IsNullOrWhiteSpace(edit.File))
            {
                errors.Add($"{where}: every edit needs a file relative to the Plug-ins root.");
                continue;
            }

            if (string.IsNullOrEmpty(edit.Old))
            {
                errors.Add($"{where}: the edit of '{edit.File}' needs the exact old text to replace.");
                continue;
            }

            if (string.Equals(edit.Old, edit.New, StringComparison.Ordinal))
            {
                errors.Add($"{where}: the edit of '{edit.File}' changes nothing (old equals new).");
            }

            if (CheckPath(edit.File, mustExist: true) is not { } full)
            {
                continue;
            }

            CheckHosts(edit.File, edit.New ?? "", edit.Old);

            string text = File.ReadAllText(full).ReplaceLineEndings("\n");
            int count = CountOccurrences(text, edit.Old.ReplaceLineEndings("\n"));
            if (count != 1)
            {
                errors.Add(count == 0
                    ? $"{where}: the old text of the edit to '{edit.File}' does not occur in the file; copy it exactly from read_agent_file."
                    : $"{where}: the old text of the edit to '{edit.File}' occurs {count} times; include more context so it occurs exactly once.");
            }
        }

        void CheckOneBundle(IEnumerable<string> files)
        {
            var bundles = files.Select(f => f.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "")
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (bundles.Count > 1)
            {
                errors.Add($"{where}: the patch changes files in {bundles.Count} bundles ({string.Join(", ", bundles)}); a fix is restarted and tested as one agent, " +
                    "so propose one fix per bundle (a file copied byte for byte into several bundles can use allCopies).");
            }
        }

        void CheckHosts(string file, string added, string removed)
        {
            if (_hosts.In(file, added, removed) is { Count: > 0 } fresh)
            {
                errors.Add(NewNetworkHosts.Refusal(where, file, fresh));
            }
        }

        string? CheckPath(string path, bool mustExist)
        {
            if (Path.IsPathRooted(path) || path.StartsWith('~'))
            {
                errors.Add($"{where}: '{path}' must be relative to the Plug-ins root (e.g. AEBN.bundle/Contents/Code/__init__.py).");
                return null;
            }

            ConfinedPath resolved;
            try
            {
                resolved = _root.Resolve(path);
            }
            catch (PathConfinementException e)
            {
                errors.Add($"{where}: {e.Message}");
                return null;
            }

            if (mustExist && !File.Exists(resolved.FullPath))
            {
                errors.Add($"{where}: '{path}' does not exist in the Plug-ins folder; name a file read_agent_file can read.");
                return null;
            }

            return resolved.FullPath;
        }
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex FixId();

    [GeneratedRegex("^http\\.[1-5][0-9][0-9]$")]
    private static partial Regex HttpMetric();

    [GeneratedRegex("^(exception|signature)\\.[A-Za-z0-9_.:-]+$")]
    private static partial Regex NamedMetric();
}
