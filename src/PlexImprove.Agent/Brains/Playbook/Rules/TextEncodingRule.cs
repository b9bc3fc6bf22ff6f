using PlexImprove.Agent.Brains.Playbook.Text;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// <c>UnicodeEncodeError</c>/<c>UnicodeDecodeError</c> raised in the agent's code → make the line the traceback names
/// consistent about text: Plex hands agents UTF-8 byte strings while parsers and JSON give unicode, and Python 2 mixes
/// them with the ASCII codec, which fails on the first accent, CJK character or curly quote. Two candidates: values
/// made unicode (natural for a decode error) and values made UTF-8 bytes (natural for an encode error), the natural
/// one first. With a pre-flight, each candidate is run on the failing items and extended to the next text crash the run
/// shows (the update's, once the search passes) before it is proposed; the brain proposes the first that makes a
/// failing item match.
/// </summary>
public sealed class TextEncodingRule : IPlaybookRule
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

        var natural = crashes[0].ExceptionLine!.StartsWith("UnicodeDecodeError", StringComparison.Ordinal) ? TextStrategy.ToText : TextStrategy.ToBytes;
        var proposals = new List<RuleProposal>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var strategy in new[] { natural, natural == TextStrategy.ToText ? TextStrategy.ToBytes : TextStrategy.ToText })
        {
            var lines = crashes.Select(c => (c.CodeFile!, c.CodeLine, c.ExceptionLine!)).Distinct().ToList();
            var fix = Build(agent, bundle, lines, strategy, strategy != natural, signatures);
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
                    var next = PreflightCrashes.Read(result).Where(IsTextError)
                        .Select(c => (c.CodeFile!, c.CodeLine, c.ExceptionLine!))
                        .Where(l => !lines.Any(k => SameLine(bundle, k, l))).Distinct().ToList();
                    if (next.Count == 0 || Build(agent, bundle, [.. lines, .. next], strategy, strategy != natural, signatures) is not { } extended)
                    {
                        break;
                    }

                    context.Note($"{fix.Id}: its pre-flight showed the next text crash at {string.Join(", ", next.Select(n => n.Item1[(n.Item1.LastIndexOf('/') + 1)..] + ":" + n.Item2))}; the candidate covers it too.");
                    lines.AddRange(next);
                    fix = extended;
                }
            }

            if (seen.Add(string.Concat(fix.Patch!.Edits!.Select(e => e.File + e.New))))
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

    private static bool SameLine(AgentBundle bundle, (string File, int Line, string Error) a, (string File, int Line, string Error) b) =>
        a.Line == b.Line && bundle.FileEndingWith(a.File)?.RelativePath == bundle.FileEndingWith(b.File)?.RelativePath;

    private static FixProposal? Build(AgentEvidence agent, AgentBundle bundle, IReadOnlyList<(string File, int Line, string Error)> lines, TextStrategy strategy, bool alternative, IReadOnlyList<string> signatures)
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
        var way = strategy == TextStrategy.ToText ? "unicode (bytes decoded as UTF-8)" : "UTF-8 byte strings";
        return new FixProposal
        {
            Id = FixIds.For(RuleName, agent.Agent) + (alternative ? (strategy == TextStrategy.ToText ? "-as-text" : "-as-bytes") : ""),
            Title = $"Handle non-ASCII text in {FixIds.ShortName(agent.Agent)} as {way} ({evidence.Count} line(s))",
            Agents = [agent.Agent],
            RootCause = "The agent mixes Python 2 byte strings and unicode with the ASCII codec: Plex hands it UTF-8 bytes and its parser or API gives unicode, so the first accent, CJK character or curly quote raises a Unicode error.",
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
        crash.CodeFile is not null && crash.CodeLine > 0 && crash.ExceptionLine is { } e && IsTextErrorText(e);

    private static bool IsTextErrorText(string text) =>
        text.Contains("UnicodeDecodeError", StringComparison.Ordinal) || text.Contains("UnicodeEncodeError", StringComparison.Ordinal);
}
