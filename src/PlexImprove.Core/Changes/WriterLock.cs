using System.Security.Cryptography;
using System.Text;
using PlexImprove.Core.Changes.Files;

namespace PlexImprove.Core.Changes;

/// <summary>
/// One writer at a time over a Plug-ins folder and over a work folder, across sessions, commands and processes:
/// an exclusive lock on a file for each, kept in the temporary folder and named after the folder's full path (so
/// nothing is added where Plex looks, and a refused writer leaves no work folder behind). Taken in that order, so
/// two writers never wait on each other. The operating system releases both when a writer dies, so a crash never
/// leaves a stale lock.
/// </summary>
public sealed class WriterLock : IDisposable
{
    /// <summary>How long a writer waits for another by default: longer than any apply or rollback with its gate.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _plugins;
    private readonly FileStream _work;

    private WriterLock(FileStream plugins, FileStream work)
    {
        _plugins = plugins;
        _work = work;
    }

    /// <summary>The lock file standing for a folder (<c>plugins</c> or <c>work</c>): named after a hash of its full path.</summary>
    public static string LockPath(string kind, string folder)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))))[..16];
        return Path.Combine(Path.GetTempPath(), $"plex-improve-{kind}-{hash}.lock");
    }

    /// <summary>Waits up to <paramref name="wait"/> for both locks; <see cref="WriterBusyException"/> when another writer keeps them.</summary>
    public static async Task<WriterLock> AcquireAsync(PluginsRoot root, WorkFolder work, TimeProvider time, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(time);
        long started = time.GetTimestamp();
        var plugins = await TakeAsync(LockPath("plugins", root.FullPath), $"the Plug-ins folder '{root.FullPath}'", time, started, wait, cancellationToken).ConfigureAwait(false);
        try
        {
            var workLock = await TakeAsync(LockPath("work", work.FullPath), $"the work folder '{work.FullPath}'", time, started, wait, cancellationToken).ConfigureAwait(false);
            return new WriterLock(plugins, workLock);
        }
        catch
        {
            plugins.Dispose();
            throw;
        }
    }

    /// <summary>The same, for writers that are not asynchronous (rollback).</summary>
    public static WriterLock Acquire(PluginsRoot root, WorkFolder work, TimeProvider time, TimeSpan wait) =>
        AcquireAsync(root, work, time, wait, CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose()
    {
        _work.Dispose();
        _plugins.Dispose();
    }

    private static async Task<FileStream> TakeAsync(string path, string what, TimeProvider time, long started, TimeSpan wait, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // FileShare.None is an exclusive lock the operating system holds until the stream closes or the process ends.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (time.GetElapsedTime(started) < wait)
            {
                await Task.Delay(Poll, time, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                throw new WriterBusyException(
                    $"Another writer (a session, command or run) kept {what} for {wait.TotalSeconds:0} s; nothing was written. Try again when it has finished.");
            }
        }
    }
}
