namespace PlexImprove.Core.Changes.Files;

/// <summary>Observes the steps of a write (tests use it to simulate a crash between two steps).</summary>
public interface IChangeStepHook
{
    /// <summary>Called after <paramref name="step"/> completed for <paramref name="relativePath"/> (empty for the backup step).</summary>
    void OnStep(ChangeStep step, string relativePath);
}
