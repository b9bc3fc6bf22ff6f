namespace PlexImprove.Core.Changes.Files;

/// <summary>
/// Replaces a file so that a crash at any moment leaves it either old or new: the bytes go to a
/// temporary file in the same folder (same file system, so the rename is atomic), are flushed to disk,
/// get the target's mode, and the temporary file is renamed over the target.
/// </summary>
public sealed class AtomicFileWriter
{
    private readonly IChangeStepHook? _hook;

    public AtomicFileWriter(IChangeStepHook? hook = null) => _hook = hook;

    /// <summary>The prefix of temporary files, so a leftover from a crash is recognisable.</summary>
    public const string TempPrefix = ".pleximprove-";

    /// <summary>Writes <paramref name="content"/> to <paramref name="fullPath"/> atomically, with <paramref name="mode"/> (Unix).</summary>
    public void Write(string fullPath, ReadOnlySpan<byte> content, UnixFileMode? mode, string relativePath = "")
    {
        var folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{fullPath}' has no folder.", nameof(fullPath));
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $"{TempPrefix}{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (mode is { } m && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, m);
            }

            _hook?.OnStep(ChangeStep.TempFileWritten, relativePath);
            File.Move(temp, fullPath, overwrite: true);
        }
        catch (IOException)
        {
            TryDelete(temp);
            throw;
        }
        catch (UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw;
        }

        _hook?.OnStep(ChangeStep.TargetReplaced, relativePath);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is harmless: it carries the recognisable prefix.
        }
    }
}
