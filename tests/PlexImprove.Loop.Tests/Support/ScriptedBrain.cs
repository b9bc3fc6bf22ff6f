using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Reflection;

namespace PlexImprove.Loop.Tests.Support;

/// <summary>A brain that proposes the fixes a test wrote, iteration by iteration (then nothing), and reflects nothing.</summary>
internal sealed class ScriptedBrain : IBrain
{
    private readonly IReadOnlyList<IReadOnlyList<FixProposal>> _perIteration;

    public ScriptedBrain(params IReadOnlyList<FixProposal>[] perIteration) => _perIteration = perIteration;

    public string Name => "scripted";

    public List<ReflectionRequest> Reflections { get; } = [];

    public List<DiagnosisRequest> Diagnoses { get; } = [];

    public Task<DiagnosticReport> DiagnoseAsync(DiagnosisRequest request, CancellationToken cancellationToken)
    {
        Diagnoses.Add(request);
        return Task.FromResult(new DiagnosticReport
        {
            Brain = Name,
            Agents = request.Agents,
            Fixes = request.Iteration <= _perIteration.Count ? _perIteration[request.Iteration - 1] : [],
        });
    }

    public Task<IReadOnlyList<LessonOperation>> ReflectAsync(ReflectionRequest request, CancellationToken cancellationToken)
    {
        Reflections.Add(request);
        return Task.FromResult<IReadOnlyList<LessonOperation>>([]);
    }

    public static FixProposal Edit(string id, string agent, string file, string old, string replacement) => new()
    {
        Id = id,
        Title = id,
        Agents = [agent],
        RootCause = "scripted",
        ExpectedVsObserved = new ExpectedVsObserved { Expected = "matches", Observed = "failures", DivergencePoint = "scripted" },
        Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = [new PatchEdit { File = file, Old = old, New = replacement }] },
        ExpectedResults = [new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase, Target = 0.75 }],
    };
}
