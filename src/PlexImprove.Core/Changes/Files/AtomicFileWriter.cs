using PlexImprove.Core.IO;

namespace PlexImprove.Core.Changes.Files;

/// <summary>
/// Replaces agent files for the change engine: <see cref="AtomicFile"/> plus the step notifications that let
/// tests simulate a process killed between writing and renaming.
/// </summary>
public sealed class AtomicFileWriter
{
    private readonly IChangeStepHook? _hook;

    public AtomicFileWriter(IChangeStepHook? hook = null) => _hook = hook;

    /// <summary>The prefix of temporary files, so a leftover from a crash is recognisable.</summary>
    public const string TempPrefix = AtomicFile.TempPrefix;

    /// <summary>Writes <paramref name="content"/> to <paramref name="fullPath"/> atomically, with <paramref name="mode"/> (Unix).</summary>
    public void Write(string fullPath, ReadOnlySpan<byte> content, UnixFileMode? mode, string relativePath = "")
    {
        var hook = _hook;
        AtomicFile.WriteAllBytes(fullPath, content, mode, hook is null ? null : () => hook.OnStep(ChangeStep.TempFileWritten, relativePath));
        _hook?.OnStep(ChangeStep.TargetReplaced, relativePath);
    }
}
