using System.Text;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Core.IO;

/// <summary>
/// Writes a whole file so that readers (and a crash at any moment) see either the old content or the new,
/// never half of it: the bytes go to a temporary file in the same folder (same file system, so the rename is
/// atomic), are flushed to disk, get the requested mode, and the temporary file is renamed over the target.
/// Every file this program writes goes through here.
/// </summary>
public static class AtomicFile
{
    /// <summary>The prefix of temporary files, so a leftover from a crash is recognisable and safe to delete.</summary>
    public const string TempPrefix = ".pleximprove-";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes UTF-8 text (no byte-order mark) with its secrets masked: reports, state and logs can quote what a model
    /// or a log said, and a secret must not reach the disk that way. Agent code goes through <see cref="WriteAllBytes"/>,
    /// unchanged.
    /// </summary>
    public static void WriteAllText(string path, string contents) => WriteAllBytes(path, Utf8NoBom.GetBytes(SecretRedactor.Shared.Redact(contents)));

    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The target; its folder is created when missing.</param>
    /// <param name="contents">The complete new content.</param>
    /// <param name="mode">Unix permissions for the new file (ignored on Windows); null keeps the default.</param>
    /// <param name="beforeReplace">Runs after the temporary file is durable and before the rename (lets tests simulate a crash there).</param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> contents, UnixFileMode? mode = null, Action? beforeReplace = null)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $"{TempPrefix}{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            if (mode is { } m && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, m);
            }

            beforeReplace?.Invoke();
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            // Whatever stopped the write (a full disk, a cancelled caller, a hook), no temporary file is left behind.
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless: it carries the recognisable prefix.
        }
    }
}
