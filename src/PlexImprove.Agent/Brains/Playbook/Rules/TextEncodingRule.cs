using System.Text.RegularExpressions;
using PlexImprove.Agent.Brains.Playbook.Text;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// <c>UnicodeEncodeError</c>/<c>UnicodeDecodeError</c>, or the <c>KeyError: u'\xe9'</c> of <c>urllib.quote</c> on
/// unicode, raised in the agent's code → make the line the traceback names consistent about text. Plex runs agents with
/// UTF-8 as the default encoding, so the crashes that remain are explicit: unicode quoted for a URL, bytes decoded with
/// a codec they are not in (a Latin-1 page read as UTF-8), ASCII codecs. Each line is rewritten the way its error calls
/// for (decode errors: to unicode, UTF-8 first then Windows-1252; encode errors and quoting: to UTF-8 bytes); a second
/// candidate takes the other way. With a pre-flight, each candidate is run on the failing items and extended to the next text crash the run
/// shows (the update's, once the search passes) before it is proposed; the brain proposes the first that makes a
/// failing item match.
/// </summary>
public sealed partial class TextEncodingRule : IPlaybookRule
{
    public const string RuleName = "text-encoding";

    /// <summary>How many times a candidate is extended to a crash its own pre-flight showed.</summary>
    public const int MaxRepairRounds = 3;

    public string Name => RuleName;

    public async Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        var crashes = agent.Log.OfKind("crash").Where(IsTextError).ToList();
        if (crashes.Count == 0)
        {
            return [];
        }

        var signatures = agent.Signatures.Where(s => IsTextErrorText(s.Text) || IsTextErrorText(s.Example)).Select(s => s.Id).ToList();
        if (agent.Bundle is not { } bundle)
        {
            return [RuleProposal.NotBuilt($"the bundle of {agent.Agent} is not in the Plug-ins folder", signatures)];
        }

        var proposals = new List<RuleProposal>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var opposite in new[] { false, true })
        {
            var lines = crashes.Select(c => (c.CodeFile!, c.CodeLine, c.ExceptionLine!)).Distinct().ToList();
            var fix = Build(agent, bundle, lines, opposite, signatures);
            if (fix is null)
            {
                continue;
            }

            bool allMatched = false;
            if (context.Request.Preflight is { } preflight)
            {
                for (int round = 0; round < MaxRepairRounds; round++)
                {
                    var result = await CandidatePreflight.RunAsync(preflight, fix, agent.Agent, context.Request, cancellationToken).ConfigureAwait(false);
                    if (result is not { Ran: true })
                    {
                        break;
                    }

                    allMatched = result.Tried > 0 && result.Matched == result.Tried;
                    // The run's line numbers are the patched file's: each crash is found in the original by its code.
                    var next = PreflightCrashes.Read(result).Where(IsTextError)
                        .Select(c => (c.CodeFile!, OriginalLine(bundle, c), c.ExceptionLine!))
                        .Where(l => l.Item2 > 0)
                        .Where(l => !lines.Any(k => SameLine(bundle, k, l))).DistinctBy(l => (l.Item1, l.Item2)).ToList();
                    if (next.Count == 0 || Build(agent, bundle, [.. lines, .. next], opposite, signatures) is not { } extended
                        || SamePatch(extended, fix))
                    {
                        break;
                    }

                    context.Note($"{fix.Id}: its pre-flight showed the next text crash at {string.Join(", ", next.Select(n => n.Item1[(n.Item1.LastIndexOf('/') + 1)..] + ":" + n.Item2))}; the candidate covers it too.");
                    lines.AddRange(next);
                    fix = extended;
                }
            }

            if (seen.Add(PatchText(fix)))
            {
                proposals.Add(RuleProposal.For(fix, signatures));
            }

            if (allMatched)
            {
                break; // The natural candidate already makes every failing item match; the other is not worth a run.
            }
        }

        return proposals.Count > 0 ? proposals : [RuleProposal.NotBuilt("the lines the tracebacks name hold no str()/unicode(), ASCII codec, URL quoting, formatting or concatenation to make consistent", signatures)];
    }

    private static string PatchText(FixProposal fix) => string.Concat(fix.Patch!.Edits!.Select(e => e.File + "\n" + e.Old + "\n" + e.New));

    private static bool SamePatch(FixProposal a, FixProposal b) => PatchText(a) == PatchText(b);

    /// <summary>
    /// The way a line is made consistent by default: decoding errors want text, encoding errors and URL quoting of
    /// unicode (<c>KeyError: u'\xe9'</c> from <c>urllib.quote</c>) want UTF-8 bytes.
    /// </summary>
    private static TextStrategy Natural(string error) =>
        error.StartsWith("UnicodeDecodeError", StringComparison.Ordinal) ? TextStrategy.ToText : TextStrategy.ToBytes;

    /// <summary>The 1-based line of the original file holding the crash's code; 0 when it is not there (a line the patch wrote).</summary>
    private static int OriginalLine(AgentBundle bundle, LogIncident crash)
    {
        if (bundle.FileEndingWith(crash.CodeFile!) is not { } file || crash.CodeText is not { Length: > 0 } code)
        {
            return 0;
        }

        var lines = file.Text.Split('\n');
        var matches = Enumerable.Range(1, lines.Length).Where(n => lines[n - 1].Trim() == code.Trim()).ToList();
        return matches.Count == 0 ? 0 : matches.MinBy(n => Math.Abs(n - crash.CodeLine));
    }

    private static bool SameLine(AgentBundle bundle, (string File, int Line, string Error) a, (string File, int Line, string Error) b) =>
        a.Line == b.Line && bundle.FileEndingWith(a.File)?.RelativePath == bundle.FileEndingWith(b.File)?.RelativePath;

    private static FixProposal? Build(AgentEvidence agent, AgentBundle bundle, IReadOnlyList<(string File, int Line, string Error)> lines, bool alternative, IReadOnlyList<string> signatures)
    {
        var rewrite = new SourceRewrite();
        var evidence = new List<FixEvidence>();
        var helpersByFile = new Dictionary<AgentCodeFile, HashSet<string>>();
        var done = new HashSet<(string, int)>();
        foreach (var (path, number, error) in lines)
        {
            if (bundle.FileEndingWith(path) is not { } file || !done.Add((file.RelativePath, number)))
            {
                continue;
            }

            var text = file.Line(number);
            var strategy = Natural(error);
            if (alternative && IsUnicodeError(error))
            {
                strategy = strategy == TextStrategy.ToText ? TextStrategy.ToBytes : TextStrategy.ToText;
            }

            if (TextCoercion.Rewrite(text, strategy) is not { } rewritten)
            {
                continue;
            }

            int start = file.StartOfLine(number);
            rewrite.Replace(file, start, start + text.Length, rewritten.Line);
            evidence.Add(new FixEvidence { Kind = "log", Ref = $"{file.RelativePath}:{number}", Excerpt = $"{text.Trim()} → {error}" });
            if (!helpersByFile.TryGetValue(file, out var helpers))
            {
                helpersByFile[file] = helpers = [];
            }

            helpers.UnionWith(rewritten.Helpers);
        }

        foreach (var (file, helpers) in helpersByFile)
        {
            var definitions = TextHelpersCode.Definitions(file.Text, PythonSyntax.IndentUnit(file.Text), helpers);
            if (definitions.Length == 0)
            {
                continue;
            }

            if (PythonSyntax.FirstTopLevelDefinition(file.Text) is not { } at)
            {
                return null; // No place in the module is sure to run before the rewritten lines.
            }

            rewrite.Insert(file, at, definitions);
        }

        if (rewrite.IsEmpty)
        {
            return null;
        }

        var first = evidence[0];
        return new FixProposal
        {
            Id = FixIds.For(RuleName, agent.Agent) + (alternative ? "-alt" : ""),
            Title = $"Handle non-ASCII text in {FixIds.ShortName(agent.Agent)} consistently ({evidence.Count} line(s))",
            Agents = [agent.Agent],
            RootCause = "The agent handles Python 2 text for ASCII only: it quotes unicode for a URL (urllib.quote raises KeyError on the first non-ASCII character), decodes bytes with a codec they are not in, or encodes to ASCII, so the first accent, CJK character or curly quote raises.",
            Evidence = [.. signatures.Select(id => new FixEvidence { Kind = "signature", Ref = id, Excerpt = agent.Signatures.First(s => s.Id == id).Example }), .. evidence],
            ExpectedVsObserved = new ExpectedVsObserved
            {
                Expected = "Titles with accents, CJK characters or curly quotes are searched and updated like ASCII titles.",
                Observed = $"{first.Excerpt}",
                DivergencePoint = first.Ref ?? "",
            },
            Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
            ExpectedResults =
            [
                new ExpectedResult { Metric = "exception.UnicodeDecodeError", Direction = ChangeDirection.Decrease, Target = 0, Note = "text is decoded as UTF-8" },
                new ExpectedResult { Metric = "exception.UnicodeEncodeError", Direction = ChangeDirection.Decrease, Target = 0, Note = "text is encoded as UTF-8" },
                new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase },
            ],
            SuccessIndicators = ["no UnicodeEncodeError or UnicodeDecodeError in the test window", "items with non-ASCII titles update"],
            FailureIndicators = ["a Unicode error on another line: the same mix elsewhere in the code", "title match failures on non-ASCII titles: comparisons now see text and bytes"],
            Contingency = "If a Unicode error moves to another line, make that line consistent the same way; roll back if success does not rise.",
            Priority = FixPriority.High,
            Confidence = alternative ? 0.5 : 0.7,
        };
    }

    private static bool IsTextError(LogIncident crash) =>
        crash.CodeFile is not null && crash.CodeLine > 0 && crash.ExceptionLine is { } e
        && (IsUnicodeError(e) || (QuotedCharacter().IsMatch(e) && crash.CodeText is { } code && QuoteCall().IsMatch(code)));

    private static bool IsTextErrorText(string text) => IsUnicodeError(text) || QuotedCharacter().IsMatch(text);

    private static bool IsUnicodeError(string text) =>
        text.Contains("UnicodeDecodeError", StringComparison.Ordinal) || text.Contains("UnicodeEncodeError", StringComparison.Ordinal);

    /// <summary><c>KeyError: u'\xe9'</c>: what <c>urllib.quote</c> raises for a non-ASCII character of a unicode string.</summary>
    [GeneratedRegex(@"KeyError: u'(?:\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|[^\x00-\x7f])'")]
    private static partial Regex QuotedCharacter();

    [GeneratedRegex(@"\bquote(?:_plus)?\(|urlencode\(")]
    private static partial Regex QuoteCall();
}
