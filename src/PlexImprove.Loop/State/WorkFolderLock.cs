using System.Diagnostics;
using System.Globalization;
using PlexImprove.Core.Commands;

namespace PlexImprove.Loop.State;

/// <summary>
/// <c>&lt;work&gt;/.lock</c>: holds the owning process id while a run works on the folder. A second run is refused
/// while that process lives; a lock left by a killed process is taken over.
/// </summary>
public sealed class WorkFolderLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream _stream;
    private readonly string _path;

    private WorkFolderLock(FileStream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <summary>True when a stale lock (its process gone) was taken over.</summary>
    public bool TookOverStaleLock { get; private init; }

    public static WorkFolderLock Acquire(string workDir)
    {
        Directory.CreateDirectory(workDir);
        var path = Path.Combine(workDir, FileName);
        bool stale = false;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
                var text = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n";
                stream.Write(System.Text.Encoding.ASCII.GetBytes(text));
                stream.Flush(flushToDisk: true);
                return new WorkFolderLock(stream, path) { TookOverStaleLock = stale };
            }
            catch (IOException) when (File.Exists(path))
            {
                int? owner = ReadOwner(path);
                if (owner is { } pid && IsHeld(path, pid))
                {
                    throw new WorkFolderLockedException(
                        $"Another plex-improve run (process {pid}) is working on '{workDir}'. Wait for it to end (see '{PrintedCommand.Of("status --work " + PrintedCommand.Quote(workDir))}'), " +
                        "or use another --work folder.");
                }

                // The owner is gone (killed): its lock is stale.
                File.Delete(path);
                stale = true;
            }
        }

        throw new WorkFolderLockedException($"Could not take the lock '{path}'; another run is starting on the same folder. Try again.");
    }

    /// <summary>The process id in a lock file, when it holds one.</summary>
    public static int? ReadOwner(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// True while the process named in the lock still runs. A process that started after the lock was written is
    /// another program that reuses the id of the killed owner: the lock is stale.
    /// </summary>
    public static bool IsHeld(string path, int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.StartTime <= File.GetLastWriteTime(path).AddSeconds(1);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // Left behind; the next run sees its process is gone and takes it over.
        }
    }
}
