namespace PlexImprove.Agent.Prompts;

/// <summary>
/// The answer shapes a prompt may declare in <c>output</c>: the name of the JSON schema the caller requests and
/// validates, or <see cref="Text"/> for free text.
/// </summary>
public static class PromptOutputs
{
    /// <summary>Phase 2: a <see cref="Diagnosis.DiagnosticReport"/>.</summary>
    public const string DiagnosticReport = "DiagnosticReport";

    /// <summary>Phase 3: a <see cref="Diagnosis.ProposedPatch"/> (<c>{ format, content }</c>).</summary>
    public const string ProposedPatch = "ProposedPatch";

    /// <summary>Phase 5: a JSON list of <see cref="Lessons.LessonOperation"/>.</summary>
    public const string LessonOperations = "LessonOperations";

    /// <summary>Free text (Markdown).</summary>
    public const string Text = "text";

    public static IReadOnlyList<string> All { get; } = [DiagnosticReport, ProposedPatch, LessonOperations, Text];
}
