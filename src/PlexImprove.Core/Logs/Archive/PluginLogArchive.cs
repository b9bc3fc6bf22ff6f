using System.Security.Cryptography;
using System.Text.Json;
using PlexImprove.Core.IO;

namespace PlexImprove.Core.Logs.Archive;

/// <summary>
/// Every plug-in log line a run reads, kept in the run folder as it is read: one <c>&lt;identifier&gt;.log</c> per agent
/// holding, oldest first, each line of every live file once. Plex rolls a plug-in's log at every start (<c>.log</c> →
/// <c>.log.1</c> … <c>.log.5</c>, the oldest dropped), so a live file is recognised by its content (the hash of its first
/// line), not its name: after a restart, the lines written to the old <c>.log</c> since the last read are taken from
/// <c>.log.1</c>. The archive is a plain plugin logs folder, so every reader (aggregation, diagnosis, tests) reads it.
/// </summary>
public sealed class PluginLogArchive
{
    /// <summary>The archive's folder inside a run folder.</summary>
    public const string FolderName = "plugin_logs";

    /// <summary>Default cap of the whole archive (512 MiB).</summary>
    public const long DefaultMaxBytes = 512L * 1024 * 1024;

    private const string IndexFile = "archive_index.json";
    private const int MaxHeadBytes = 64 * 1024;

    // Six live files per plug-in at most; a few more remembered covers a file read just before it was dropped.
    private const int RememberedSources = 12;

    private readonly string _liveDir;
    private readonly long _maxBytes;
    private readonly Lock _lock = new();

    /// <param name="folder">The archive folder (created on first use).</param>
    /// <param name="liveDir">Plex's <c>PMS Plugin Logs</c> folder.</param>
    /// <param name="maxBytes">The archive's cap; a read that would pass it stops with <see cref="LogArchiveFullException"/>.</param>
    public PluginLogArchive(string folder, string liveDir, long maxBytes = DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentException.ThrowIfNullOrEmpty(liveDir);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        Folder = Path.GetFullPath(folder);
        _liveDir = liveDir;
        _maxBytes = maxBytes;
    }

    /// <summary>The archive folder: a plugin logs folder of its own.</summary>
    public string Folder { get; }

    /// <summary>The archive of a run folder (<c>&lt;run&gt;/plugin_logs</c>).</summary>
    public static string FolderOf(string runFolder) => Path.Combine(runFolder, FolderName);

    /// <summary>
    /// A logs folder given by a user: a run folder that holds an archive means its archive; anything else as given.
    /// </summary>
    public static string ResolveLogsDir(string dir)
    {
        var archive = FolderOf(dir);
        return Directory.Exists(archive) && File.Exists(Path.Combine(archive, IndexFile)) ? archive : dir;
    }

    /// <summary>Brings the archive up to date with the live folder and returns the archive folder to read.</summary>
    /// <exception cref="LogArchiveFullException">The new lines would pass the cap; nothing of them was written.</exception>
    public string Sync(CancellationToken cancellationToken = default) => Update(cancellationToken).Folder;

    /// <summary>Brings the archive up to date with the live folder (complete lines only, each once).</summary>
    /// <exception cref="LogArchiveFullException">The new lines would pass the cap; nothing of them was written.</exception>
    public (string Folder, LogArchiveSync Copied) Update(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Directory.CreateDirectory(Folder);
            var index = LoadIndex();
            var live = PluginLogFolder.Open(_liveDir);
            long archived = ArchivedBytes();
            long bytes = 0;
            int lines = 0, files = 0;
            foreach (var agentFiles in live.Files.GroupBy(f => f.Agent, StringComparer.Ordinal))
            {
                var agent = index.TryGetValue(agentFiles.Key, out var known) ? known : index[agentFiles.Key] = new ArchivedAgent();
                var sources = agent.Sources;
                var path = ArchivePath(agentFiles.Key);
                CutUnindexedTail(path, agent.Length);
                foreach (var file in agentFiles) // oldest first: .log.5 … .log.1, .log
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var copied = CopyNewLines(file, sources, archived + bytes);
                    if (copied.Bytes > 0)
                    {
                        bytes += copied.Bytes;
                        lines += copied.Lines;
                        files++;
                    }
                }

                agent.Length = File.Exists(path) ? new FileInfo(path).Length : 0;
                if (sources.Count > RememberedSources)
                {
                    sources.RemoveRange(0, sources.Count - RememberedSources);
                }
            }

            AtomicFile.WriteAllText(Path.Combine(Folder, IndexFile), JsonSerializer.Serialize(index));
            return (Folder, new LogArchiveSync(bytes, lines, files));
        }
    }

    private (long Bytes, int Lines) CopyNewLines(PluginLogFile file, List<ArchivedSource> sources, long archivedSoFar)
    {
        try
        {
            using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (Head(stream) is not { } head)
            {
                return (0, 0); // Not one complete line yet: read it next time.
            }

            var source = sources.Find(s => s.Head == head);
            long from = source?.Bytes ?? 0;
            long length = stream.Length;
            if (length <= from)
            {
                return (0, 0);
            }

            long end = CompleteLinesEnd(stream, from, length);
            if (end <= from)
            {
                return (0, 0); // The rest is a line still being written.
            }

            if (archivedSoFar + (end - from) > _maxBytes)
            {
                throw new LogArchiveFullException(
                    $"The run's log archive '{Folder}' would pass its cap of {_maxBytes / (1024 * 1024)} MiB (Loop:LogArchiveMaxMiB) with {(end - from) / 1024} KiB new from '{file.Name}'. " +
                    "Nothing was lost: the new lines were not archived and Plex's own logs are untouched. Raise Loop:LogArchiveMaxMiB and resume, or start a new run in another --work folder.");
            }

            int lines = 0;
            using (var archive = new FileStream(ArchivePath(file.Agent), FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                var buffer = new byte[256 * 1024];
                stream.Position = from;
                for (long left = end - from; left > 0;)
                {
                    int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                    if (read == 0)
                    {
                        break;
                    }

                    archive.Write(buffer, 0, read);
                    lines += buffer.AsSpan(0, read).Count((byte)'\n');
                    left -= read;
                }
            }

            if (source is null)
            {
                sources.Add(new ArchivedSource { Head = head, Bytes = end });
            }
            else
            {
                source.Bytes = end;
            }

            return (end - from, lines);
        }
        catch (FileNotFoundException)
        {
            return (0, 0); // Dropped by Plex's rotation between listing and opening; its lines were read before.
        }
    }

    /// <summary>The offset just past the last newline before <paramref name="length"/> (a line still being written is left for later).</summary>
    private static long CompleteLinesEnd(FileStream stream, long from, long length)
    {
        var buffer = new byte[64 * 1024];
        for (long blockEnd = length; blockEnd > from;)
        {
            long blockStart = Math.Max(from, blockEnd - buffer.Length);
            int size = (int)(blockEnd - blockStart);
            stream.Position = blockStart;
            stream.ReadExactly(buffer, 0, size);
            int newline = Array.LastIndexOf(buffer, (byte)'\n', size - 1, size);
            if (newline >= 0)
            {
                return blockStart + newline + 1;
            }

            blockEnd = blockStart;
        }

        return from;
    }

    /// <summary>The hash of the file's first complete line; null while it has none.</summary>
    private static string? Head(FileStream stream)
    {
        var buffer = new byte[(int)Math.Min(stream.Length, MaxHeadBytes)];
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        int newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
        return newline < 0 ? null : Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, newline)));
    }

    private string ArchivePath(string agent) => Path.Combine(Folder, agent + ".log");

    private static void CutUnindexedTail(string path, long length)
    {
        if (File.Exists(path) && new FileInfo(path).Length > length)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            file.SetLength(length);
        }
    }

    private Dictionary<string, ArchivedAgent> LoadIndex()
    {
        var path = Path.Combine(Folder, IndexFile);
        if (!File.Exists(path))
        {
            return new Dictionary<string, ArchivedAgent>(StringComparer.Ordinal);
        }

        try
        {
            var index = JsonSerializer.Deserialize<Dictionary<string, ArchivedAgent>>(File.ReadAllText(path));
            return new Dictionary<string, ArchivedAgent>(index ?? [], StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new Errors.InvalidInputException($"The log archive's index '{path}' is not valid JSON ({e.Message}); the archive cannot be continued safely. Start a new run in another --work folder.", e);
        }
    }

    private long ArchivedBytes() =>
        Directory.EnumerateFiles(Folder, "*.log").Sum(f => new FileInfo(f).Length);
}
