using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Reflection;

namespace PlexImprove.Agent.Brains;

/// <summary>
/// The part of the loop that thinks: Phase 2 diagnosis (with the patch of each fix) and Phase 5 reflection (lesson
/// operations). Two implementations: the LLM brain (Semantic Kernel, tool calls) and the offline playbook brain
/// (rules over evidence). Everything else — metrics, the gate, the decision — is deterministic code.
/// </summary>
public interface IBrain
{
    /// <summary><c>playbook</c> or <c>llm:&lt;model&gt;</c>.</summary>
    string Name { get; }

    /// <summary>Proposes fixes for what the metrics show. Never writes to the Plug-ins folder.</summary>
    Task<DiagnosticReport> DiagnoseAsync(DiagnosisRequest request, CancellationToken cancellationToken);

    /// <summary>Turns measured outcomes into lesson operations (ADD / CONFIRM / EDIT / CONTRADICT).</summary>
    Task<IReadOnlyList<LessonOperation>> ReflectAsync(ReflectionRequest request, CancellationToken cancellationToken);
}
