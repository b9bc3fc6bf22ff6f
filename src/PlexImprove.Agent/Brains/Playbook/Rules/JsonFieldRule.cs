using System.Text.Json;
using PlexImprove.Agent.Brains.Playbook.Json;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// <c>KeyError</c> or <c>TypeError</c> (<c>string indices must be integers</c>, <c>list indices must be integers</c>,
/// <c>'NoneType' object has no attribute '__getitem__'</c>) on a line that reads a JSON document the agent fetched →
/// the API renamed or moved a field. The document the API serves now is fetched at the URL the failing thread requested
/// last, every read of that document in the crashing function is replayed on it, and each that finds nothing is
/// repaired (<see cref="JsonFieldHealer"/>): a list wrapped in an object, fields moved under a wrapper, a renamed key.
/// Where several keys could be the renamed one, the next best is a second candidate for the pre-flight to decide.
/// </summary>
public sealed class JsonFieldRule : IPlaybookRule
{
    public const string RuleName = "json-fields";

    /// <summary>What an API client sends; some APIs answer HTML to a browser's Accept header.</summary>
    private static readonly Dictionary<string, string> JsonHeaders = new(StringComparer.Ordinal) { ["Accept"] = "application/json" };

    public string Name => RuleName;

    public async Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        var crashes = agent.Log.OfKind("crash").Where(IsLookupError).ToList();
        if (crashes.Count == 0)
        {
            return [];
        }

        var signatures = agent.Signatures.Where(s => IsLookupErrorText(s.Text) || IsLookupErrorText(s.Example)).Select(s => s.Id).ToList();
        if (agent.Bundle is not { } bundle)
        {
            return [RuleProposal.NotBuilt($"the bundle of {agent.Agent} is not in the Plug-ins folder", signatures)];
        }

        var reasons = new List<string>();
        var documents = new List<(LogIncident Crash, AgentCodeFile File, List<JsonAccess> Reads, JsonElement Root)>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var crash in crashes.DistinctBy(c => (c.CodeFile, c.CodeLine)).Take(context.Options.MaxPagesPerRule))
        {
            var file = bundle.FileEndingWith(crash.CodeFile!);
            if (file is null || PythonFunction.Enclosing(file, crash.CodeLine) is not { } function)
            {
                continue;
            }

            var onLine = JsonAccessReader.OnLine(file, function, crash.CodeLine);
            if (onLine.Count == 0)
            {
                reasons.Add($"{file.RelativePath}:{crash.CodeLine}: the line reads no JSON document the function fetched");
                continue;
            }

            if (!done.Add($"{file.RelativePath}:{onLine[0].SourceAt}") || crash.Url is null)
            {
                continue;
            }

            var page = await context.FetchAsync(crash.Url, JsonHeaders, cancellationToken).ConfigureAwait(false);
            if (page is not { Status: >= 200 and < 300 })
            {
                reasons.Add($"{crash.Url}: the API could not be read ({page?.Error ?? page?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no fetcher"})");
                continue;
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(page.Body);
                root = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                reasons.Add($"{crash.Url}: the answer is not JSON ({e.Message})");
                continue;
            }

            var reads = JsonAccessReader.InFunction(file, function).Where(a => a.SourceAt == onLine[0].SourceAt).ToList();
            documents.Add((crash, file, reads, root));
        }

        if (documents.Count == 0)
        {
            return [RuleProposal.NotBuilt(reasons.Count > 0 ? string.Join("; ", reasons) : "the failing threads' URLs are not in the log", signatures)];
        }

        var proposals = new List<RuleProposal>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keysInCode = documents.SelectMany(d => d.Reads).SelectMany(r => r.Steps).Where(s => s.Key is not null).Select(s => s.Key!).ToHashSet(StringComparer.Ordinal);
        bool ambiguous = true;
        for (int choice = 0; choice < 2 && ambiguous; choice++)
        {
            ambiguous = false;
            var rewrite = new SourceRewrite();
            var evidence = new List<FixEvidence>();
            var inserted = new HashSet<(string, int, string)>();
            var unrepaired = new List<string>();
            foreach (var (crash, file, reads, root) in documents)
            {
                var healer = new JsonFieldHealer(root, keysInCode);
                var repairs = healer.Heal(reads, choice, out bool several);
                ambiguous |= several;
                unrepaired.AddRange(healer.Unrepaired.Select(u => u.Reason));
                evidence.Add(new FixEvidence { Kind = "log", Ref = $"{file.RelativePath}:{crash.CodeLine}", Excerpt = $"{crash.CodeText} → {crash.ExceptionLine}" });
                foreach (var repair in repairs)
                {
                    Apply(rewrite, repair, inserted);
                    evidence.Add(new FixEvidence { Kind = "page", Ref = crash.Url, Excerpt = $"{repair.Access.Text} (line {repair.Access.Line}): {repair.Description}" });
                }
            }

            if (rewrite.IsEmpty)
            {
                return [RuleProposal.NotBuilt(unrepaired.Count > 0 ? string.Join("; ", unrepaired.Distinct()) : "every read of the document finds its value in what the API serves now; the crash has another cause", signatures)];
            }

            if (unrepaired.Count > 0)
            {
                context.Note($"{agent.Agent}: {string.Join("; ", unrepaired.Distinct())}");
            }

            var fix = Fix(agent, signatures, evidence, rewrite, choice, documents[0].Crash);
            if (seen.Add(string.Concat(fix.Patch!.Edits!.Select(e => e.File + e.New))))
            {
                proposals.Add(RuleProposal.For(fix, signatures));
            }
        }

        return proposals;
    }

    /// <summary>Writes a repair: missing levels inserted where the code reads the level after them, renamed keys replaced.</summary>
    private static void Apply(SourceRewrite rewrite, JsonRepair repair, HashSet<(string, int, string)> inserted)
    {
        foreach (var group in repair.Steps.Where(s => s.IsInserted).GroupBy(s => (s.File.RelativePath, s.InsertAt)))
        {
            var text = string.Concat(group.Select(s => s.Code));
            if (inserted.Add((group.Key.RelativePath, group.Key.InsertAt, text)))
            {
                rewrite.Insert(group.First().File, group.Key.InsertAt, text);
            }
        }

        foreach (var (step, name) in repair.Renames)
        {
            rewrite.Replace(step.File, step.KeyStart, step.KeyEnd, name);
        }
    }

    private static FixProposal Fix(AgentEvidence agent, IReadOnlyList<string> signatures, List<FixEvidence> evidence, SourceRewrite rewrite, int choice, LogIncident first) => new()
    {
        Id = FixIds.For(RuleName, agent.Agent) + (choice == 0 ? "" : "-alt" + choice.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Title = $"Read the fields where {FixIds.ShortName(agent.Agent)}'s API serves them now",
        Agents = [agent.Agent],
        RootCause = "The API changed the shape of its JSON (a field renamed, moved under a wrapper, or a list wrapped in an object); the agent indexes the old shape and raises KeyError or TypeError.",
        Evidence = [.. signatures.Select(id => new FixEvidence { Kind = "signature", Ref = id, Excerpt = agent.Signatures.First(s => s.Id == id).Example }), .. evidence],
        ExpectedVsObserved = new ExpectedVsObserved
        {
            Expected = "Every field the agent reads is found in the API's answer.",
            Observed = $"{first.CodeText} → {first.ExceptionLine}",
            DivergencePoint = $"{first.CodeFile}:{first.CodeLine}",
        },
        Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
        ExpectedResults =
        [
            new ExpectedResult { Metric = "exception.KeyError", Direction = ChangeDirection.Decrease, Target = 0, Note = "the fields are read where the API serves them" },
            new ExpectedResult { Metric = "exception.TypeError", Direction = ChangeDirection.Decrease, Target = 0, Note = "lists and objects are read as the API nests them" },
            new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase },
        ],
        SuccessIndicators = ["no KeyError or TypeError in the test window", "searches and updates log success"],
        FailureIndicators = ["a KeyError on another field: the API changed more than the crashing function reads", "wrong values in metadata: a renamed key was matched to the wrong field"],
        Contingency = "If another field fails, fetch the API's answer again and repair that read the same way; roll back if success does not rise.",
        Priority = FixPriority.High,
        Confidence = choice == 0 ? 0.7 : 0.5,
    };

    private static bool IsLookupError(LogIncident crash) =>
        crash.CodeFile is not null && crash.CodeLine > 0 && crash.ExceptionLine is { } e && IsLookupErrorText(e);

    private static bool IsLookupErrorText(string text) =>
        text.Contains("KeyError", StringComparison.Ordinal)
        || (text.Contains("TypeError", StringComparison.Ordinal) && (text.Contains("indices must be integers", StringComparison.Ordinal)
            || text.Contains("__getitem__", StringComparison.Ordinal) || text.Contains("not subscriptable", StringComparison.Ordinal)));
}
