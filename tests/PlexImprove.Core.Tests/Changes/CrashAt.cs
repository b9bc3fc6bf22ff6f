using PlexImprove.Core.Changes.Files;

namespace PlexImprove.Core.Tests.Changes;

/// <summary>Simulates the process dying at a step: throws an exception the engine does not handle.</summary>
internal sealed class CrashAt : IChangeStepHook
{
    private readonly ChangeStep _step;
    private readonly int _occurrence;
    private int _seen;

    public CrashAt(ChangeStep step, int occurrence = 1)
    {
        _step = step;
        _occurrence = occurrence;
    }

    public void OnStep(ChangeStep step, string relativePath)
    {
        if (step == _step && ++_seen == _occurrence)
        {
            throw new SimulatedCrashException();
        }
    }
}

/// <summary>The "kill": not an IOException, so nothing in the engine catches it.</summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }
}
