using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Prompts;
using PlexImprove.Agent.Reflection;
using PlexImprove.Core.Json;
using PlexImprove.Agent.Research;
using PlexImprove.Agent.Tools;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Metrics;
using ChatResponseFormat = OpenAI.Chat.ChatResponseFormat;

namespace PlexImprove.Agent.Brains.Llm;

/// <summary>
/// The brain on Semantic Kernel: renders the phase prompt (digest, lessons, agents), lets the model call the
/// read-only tools, asks for JSON-schema structured output, validates the answer in code and gives the model one
/// repair round with the problems found; a second invalid answer fails the phase with the reasons. Writer tools
/// are neither offered nor allowed here: what a fix changes is proposed in the report and verified by code.
/// </summary>
public sealed class LlmBrain : IBrain
{
    public const string DiagnosisPrompt = "phase2_diagnosis";
    public const string ReflectionPrompt = "phase5_post_mortem";

    /// <summary>Answers asked for at most: the first and one repair round that lists its problems; a model that fails twice will not do better.</summary>
    private const int AnswerAttempts = 2;

    /// <summary>Problems quoted in the error when no valid answer came: enough to see the pattern, short enough to read.</summary>
    private const int ProblemsQuoted = 5;

    private readonly AgentKernel _kernel;
    private readonly PromptLibrary _prompts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public LlmBrain(AgentKernel kernel, PromptLibrary prompts, TimeProvider? time = null, ILogger? logger = null)
    {
        _kernel = kernel;
        _prompts = prompts;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Name => $"llm:{_kernel.Connection.Model}";

    public async Task<DiagnosticReport> DiagnoseAsync(DiagnosisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _kernel.BeginPhase("diagnose");
        var agents = request.Agents.Count > 0
            ? AgentNames.Resolve(request.Agents, request.Aggregation.Metrics.Agents.Keys)
            : [.. request.Aggregation.Metrics.Agents.Keys];
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["digest"] = request.Digest,
            ["agents"] = string.Join(", ", agents),
            ["iteration"] = request.Iteration,
            ["attempted"] = request.Attempted.Count == 0
                ? "none"
                : string.Join("\n", request.Attempted.Select(a => $"- {a.FixId}: {a.Title} ({string.Join(", ", a.Agents)}) → {a.Status}")),
        };
        var researchCalls = new HashSet<string>(StringComparer.Ordinal);
        var validator = new DiagnosticReportValidator(
            new PluginsRoot(request.PluginsDir), request.Lessons, request.Aggregation.Metrics.Signatures.Select(s => s.Id), researchCalls);
        var notes = new List<string>();
        await using var research = await _kernel.AttachResearchAsync(ResearchPhases.Diagnose, cancellationToken).ConfigureAwait(false);
        notes.AddRange(research.Servers.Where(s => s.State == ResearchServerState.Failed).Select(s => "Research server skipped: " + s.Detail));
        foreach (var missing in MissingExpectedResearch(DiagnosisPrompt, research))
        {
            _kernel.ReportResearchProblem(missing);
            notes.Add(missing);
        }

        var preflight = request.Preflight is null ? null : new PreflightRepair(request.Preflight, request);
        var rejected = new List<RejectedFix>();
        var answer = await AskValidatedAsync<DiagnosisAnswer>(
            DiagnosisPrompt, variables, request.Lessons, AnswerSchemas.DiagnosisName, AnswerSchemas.Diagnosis, "the diagnostic report",
            a => validator.Validate(ToReport(a, agents, [])), notes, research, cancellationToken,
            a => Salvage(a, validator, notes, rejected), researchCalls,
            preflight is null ? null : (a, ct) => preflight.FeedbackAsync(a.Fixes, ct)).ConfigureAwait(false);
        foreach (var fix in answer.Fixes)
        {
            fix.Verification = null;
        }

        if (preflight is not null)
        {
            // Pre-flight: a fix still matching no failing item after the repair rounds is reported, never proposed.
            var fixes = await preflight.KeepRunnableAsync(answer.Fixes, notes, rejected, cancellationToken).ConfigureAwait(false);
            answer = new DiagnosisAnswer { SchemaVersion = answer.SchemaVersion, Fixes = [.. fixes], Uncovered = answer.Uncovered, Notes = answer.Notes };
        }

        return ToReport(answer, agents, notes, rejected);
    }

    public async Task<IReadOnlyList<LessonOperation>> ReflectAsync(ReflectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _kernel.BeginPhase("postmortem");
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["iteration"] = request.Iteration,
            ["outcomes"] = JsonSerializer.Serialize(request.Outcomes.Select(DescribeOutcome), IndentedJson),
        };
        await using var research = await _kernel.AttachResearchAsync(ResearchPhases.PostMortem, cancellationToken).ConfigureAwait(false);
        var answer = await AskValidatedAsync<ReflectionAnswer>(
            ReflectionPrompt, variables, request.Lessons, AnswerSchemas.ReflectionName, AnswerSchemas.Reflection, "the lesson operations",
            a => ValidateOperations(a, request.Lessons), [], research, cancellationToken).ConfigureAwait(false);
        return answer.Operations;
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <summary>How many times a diagnosis goes back to the model with pre-flight results before its answer is taken as is.</summary>
    public const int MaxPreflightRepairRounds = 2;

    /// <summary>The research servers the prompt's front matter expects (<c>research_servers</c>) that this phase does not have.</summary>
    private IEnumerable<string> MissingExpectedResearch(string promptName, ResearchSession research)
    {
        foreach (var expected in _prompts.Get(promptName).ResearchServers)
        {
            var status = research.Servers.FirstOrDefault(s => string.Equals(s.Name, expected, StringComparison.OrdinalIgnoreCase));
            if (status is { State: ResearchServerState.Attached or ResearchServerState.Failed })
            {
                continue; // A failed server was reported when it failed.
            }

            yield return status is null
                ? $"The prompt '{promptName}' expects the research server '{expected}', which is not configured (Research:Servers); the diagnosis goes on without it."
                : $"The prompt '{promptName}' expects the research server '{expected}', which is {status.Detail ?? "not offered in this phase"} (its Phases setting); the diagnosis goes on without it.";
        }
    }

    private DiagnosticReport ToReport(DiagnosisAnswer answer, IReadOnlyList<string> agents, IReadOnlyList<string> notes, IReadOnlyList<RejectedFix>? rejected = null) => new()
    {
        SchemaVersion = answer.SchemaVersion,
        Brain = Name,
        CreatedAt = _time.GetUtcNow(),
        Agents = agents,
        Fixes = answer.Fixes,
        Uncovered = answer.Uncovered ?? [],
        Notes = [.. answer.Notes ?? [], .. notes],
        Rejected = rejected ?? [],
    };

    /// <summary>
    /// One conversation: the prompt, tool rounds, the answer; if it does not parse or validate, one repair round
    /// showing the problems; then the answer or <see cref="LlmAnswerInvalidException"/>.
    /// </summary>
    private async Task<T> AskValidatedAsync<T>(
        string promptName, IReadOnlyDictionary<string, object?> variables, LessonBook lessons, string schemaName, string schema, string what,
        Func<T, IReadOnlyList<string>> validate, List<string> notes, ResearchSession research, CancellationToken cancellationToken, Func<T, T?>? salvage = null,
        ISet<string>? researchCalls = null, Func<T, CancellationToken, Task<string?>>? preflightFeedback = null)
        where T : class
    {
        var history = new ChatHistory();
        foreach (var message in _prompts.RenderMessages(promptName, variables, lessons, cancellationToken))
        {
            history.AddMessage(new AuthorRole(message.Role), message.Content);
        }

        if (research.Describe() is { Length: > 0 } researchNote)
        {
            history.AddSystemMessage(researchNote);
        }

        // Only the read-only tools the prompt declares are offered; writers never, whatever the prompt says. The
        // research servers' tools attached for this phase are offered too (destructive ones were never attached).
        var declared = _prompts.ToolsOf(promptName).ToHashSet(StringComparer.Ordinal);
        var readOnlyTools = _kernel.Kernel.Plugins.SelectMany(p => p)
            .Where(f => (declared.Contains(f.Name) && !ToolNames.Writers.Contains(f.Name)) || f.PluginName == ResearchSession.PluginName)
            .ToList();
        var promptSettings = OpenAIPromptExecutionSettings.FromExecutionSettings(_prompts.SettingsOf(promptName));
        var format = ChatResponseFormat.CreateJsonSchemaFormat(schemaName, BinaryData.FromString(schema), jsonSchemaIsStrict: false);
        IReadOnlyList<string> problems = [];
        int preflightRounds = 0;
        for (int attempt = 1; attempt <= AnswerAttempts; attempt++)
        {
            bool toolsLeft = !_kernel.Rounds.Reached && readOnlyTools.Count > 0;
            var settings = new OpenAIPromptExecutionSettings
            {
                ResponseFormat = format,
                MaxTokens = promptSettings.MaxTokens,
                Temperature = promptSettings.Temperature,
                FunctionChoiceBehavior = readOnlyTools.Count == 0 ? null
                    : toolsLeft ? FunctionChoiceBehavior.Auto(readOnlyTools, autoInvoke: true)
                    : FunctionChoiceBehavior.None(readOnlyTools),
            };
            var reply = await SendAsync(history, settings, cancellationToken).ConfigureAwait(false);
            if (EndedInToolCalls(reply))
            {
                // The round cap ended the tool loop before an answer: close the open calls and ask for the answer without tools.
                CloseOpenToolCalls(history);
                history.AddUserMessage($"The tool rounds for this phase are used up. Answer now with {what} as JSON only, from what you have.");
                settings = new OpenAIPromptExecutionSettings
                {
                    ResponseFormat = format,
                    MaxTokens = promptSettings.MaxTokens,
                    Temperature = promptSettings.Temperature,
                    FunctionChoiceBehavior = FunctionChoiceBehavior.None(readOnlyTools),
                };
                reply = await SendAsync(history, settings, cancellationToken).ConfigureAwait(false);
                notes.Add($"The tool-round limit ({_kernel.Rounds.MaxRounds} rounds, Llm:MaxToolRounds) was reached before the answer.");
            }

            foreach (var result in history.SelectMany(m => m.Items.OfType<FunctionResultContent>()).Where(r => r.PluginName == ResearchSession.PluginName && r.CallId is not null))
            {
                researchCalls?.Add(result.CallId!);
            }

            string text = reply.Content ?? "";
            (var parsed, problems) = Parse<T>(text);
            if (parsed is not null)
            {
                problems = validate(parsed);
            }

            if (problems.Count == 0 && parsed is not null)
            {
                // Pre-flight repair: a valid answer whose patches made no failing item match goes back to the model with
                // what the patched agent did, for a bounded number of rounds under the same token and tool budgets.
                if (preflightFeedback is not null && preflightRounds < MaxPreflightRepairRounds && _kernel.Budget.Exhausted is null
                    && await preflightFeedback(parsed, cancellationToken).ConfigureAwait(false) is { } feedback)
                {
                    preflightRounds++;
                    attempt--;
                    notes.Add($"Pre-flight repair round {preflightRounds}: {feedback.Split('\n')[0]}");
                    _kernel.Transcript.Write("note", new Dictionary<string, object?> { ["preflightRound"] = preflightRounds, ["feedback"] = feedback });
                    history.AddAssistantMessage(text);
                    history.AddUserMessage(feedback + "\nRepair those patches (read the code and the pages again if needed) and answer again with the complete JSON only.");
                    continue;
                }

                if (attempt > 1)
                {
                    notes.Add("The model's first answer was invalid; it was corrected in one repair round.");
                }

                return parsed;
            }

            _kernel.Transcript.Write("note", new Dictionary<string, object?> { ["invalidAnswer"] = attempt, ["problems"] = string.Join("\n", problems) });
            if (attempt == AnswerAttempts && parsed is not null && salvage?.Invoke(parsed) is { } salvaged)
            {
                return salvaged;
            }

            _logger.LogWarning("The model's answer (attempt {Attempt}) is invalid: {Count} problem(s).", attempt, problems.Count);
            history.AddAssistantMessage(text);
            history.AddUserMessage(
                $"Your answer is not valid {what}. Fix these problems and answer again with the complete JSON only:\n- " + string.Join("\n- ", problems));
        }

        throw new LlmAnswerInvalidException(
            $"The model ({Name}) did not produce valid {what} after one repair round; nothing was written. Problems: {string.Join(" ", problems.Take(ProblemsQuoted))}" +
            (_kernel.Transcript.Path is { } path ? $" The whole exchange is in {path}." : ""),
            problems);
    }

    private async Task<ChatMessageContent> SendAsync(ChatHistory history, OpenAIPromptExecutionSettings settings, CancellationToken cancellationToken)
    {
        _kernel.Budget.ThrowIfExhausted();
        var reply = await LlmFailures.GuardAsync(
            _kernel.Connection,
            () => _kernel.Chat.GetChatMessageContentAsync(history, settings, _kernel.Kernel, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        _kernel.Budget.ThrowIfExhausted();
        return reply;
    }

    /// <summary>
    /// After the repair round, a well-formed answer keeps its valid fixes; each invalid one is rejected with its
    /// reasons recorded in the notes. Null when the answer itself (not a fix) is wrong.
    /// </summary>
    private static DiagnosisAnswer? Salvage(DiagnosisAnswer answer, DiagnosticReportValidator validator, List<string> notes, List<RejectedFix> rejected)
    {
        if (answer.Fixes is null || answer.SchemaVersion != DiagnosticReport.CurrentSchemaVersion)
        {
            return null;
        }

        var kept = new List<FixProposal>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < answer.Fixes.Count; i++)
        {
            if (answer.Fixes[i] is not { } fix)
            {
                continue;
            }

            var problems = validator.ValidateFix(fix, i, ids);
            if (problems.Count == 0)
            {
                kept.Add(fix);
            }
            else
            {
                notes.Add($"Rejected fix '{fix.Id}' after the repair round: {string.Join(" ", problems)}");
                rejected.Add(new RejectedFix { Id = fix.Id ?? $"fix {i + 1}", Reason = string.Join(" ", problems) });
            }
        }

        return new DiagnosisAnswer { SchemaVersion = answer.SchemaVersion, Fixes = kept, Uncovered = answer.Uncovered, Notes = answer.Notes };
    }

    /// <summary>A filter ended the tool loop (round cap): the reply is a tool call or a tool result, not an answer.</summary>
    private static bool EndedInToolCalls(ChatMessageContent reply) =>
        reply.Role == AuthorRole.Tool || reply.Items.Any(i => i is FunctionCallContent or FunctionResultContent);

    /// <summary>Every tool call of the last assistant message needs a result before the next request; skipped ones get one.</summary>
    private static void CloseOpenToolCalls(ChatHistory history)
    {
        var answered = history.SelectMany(m => m.Items.OfType<FunctionResultContent>()).Select(r => r.CallId).ToHashSet(StringComparer.Ordinal);
        var open = history.SelectMany(m => m.Items.OfType<FunctionCallContent>()).Where(c => c.Id is not null && !answered.Contains(c.Id)).ToList();
        foreach (var call in open)
        {
            history.Add(new FunctionResultContent(call, "Not run: the tool-round limit was reached.").ToChatMessage());
        }
    }

    /// <summary>The answer's JSON (a Markdown code fence around it is tolerated), or the parse problem.</summary>
    internal static (T? Value, IReadOnlyList<string> Problems) Parse<T>(string text)
        where T : class
    {
        string json = text.Trim();
        if (json.StartsWith("```", StringComparison.Ordinal))
        {
            int firstLine = json.IndexOf('\n', StringComparison.Ordinal);
            int fenceEnd = json.LastIndexOf("```", StringComparison.Ordinal);
            json = firstLine > 0 && fenceEnd > firstLine ? json[(firstLine + 1)..fenceEnd].Trim() : json;
        }

        if (json.Length == 0)
        {
            return (null, ["The answer is empty; a JSON object is required."]);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(json);
            return value is null ? (null, ["The answer is JSON null; a JSON object is required."]) : (value, []);
        }
        catch (JsonException e)
        {
            return (null, [$"The answer is not valid JSON for the schema: {e.Message}"]);
        }
    }

    private static IReadOnlyList<string> ValidateOperations(ReflectionAnswer answer, LessonBook lessons)
    {
        var problems = new List<string>();
        if (answer.Operations is null)
        {
            return ["operations is missing (use an empty list when nothing was learned)."];
        }

        for (int i = 0; i < answer.Operations.Count; i++)
        {
            var op = answer.Operations[i];
            string where = $"operations[{i}] ({op.Kind.ToString().ToUpperInvariant()})";
            if (op.Evidence is null || string.IsNullOrWhiteSpace(op.Evidence.Delta))
            {
                problems.Add($"{where}: evidence.delta must state the measured outcome with its numbers.");
            }

            if (op.Kind == LessonOperationKind.Add)
            {
                if (op.Phase is null || op.Polarity is null || string.IsNullOrWhiteSpace(op.Text))
                {
                    problems.Add($"{where}: ADD needs phase, polarity and text.");
                }
            }
            else if (op.RuleId is null || lessons.Find(op.RuleId) is null)
            {
                problems.Add($"{where}: ruleId '{op.RuleId}' is not a lesson in force; CONFIRM, EDIT and CONTRADICT name an existing rule.");
            }
            else if (op.Kind == LessonOperationKind.Edit && string.IsNullOrWhiteSpace(op.Text))
            {
                problems.Add($"{where}: EDIT needs the new text.");
            }
        }

        return problems;
    }

    private static object DescribeOutcome(InterventionOutcome outcome) => new
    {
        fixId = outcome.Fix.Id,
        title = outcome.Fix.Title,
        agents = outcome.Fix.Agents,
        status = SnakeCaseName.Of(outcome.Status),
        successBefore = outcome.SuccessBefore,
        successAfter = outcome.SuccessAfter,
        lessonsApplied = outcome.Fix.LessonsApplied,
        checks = outcome.Checks.Select(c => new { metric = c.Expected.Metric, direction = c.Expected.Direction.ToString().ToLowerInvariant(), target = c.Expected.Target, before = c.Before, after = c.After, verdict = c.Verdict, detail = c.Detail }),
        newSignatures = outcome.NewSignatures,
        httpStatusesRose = outcome.HttpStatusesRose.Select(h => new { status = h.Key, before = h.Value.Before, after = h.Value.After }),
        reason = outcome.Reason,
    };
}
