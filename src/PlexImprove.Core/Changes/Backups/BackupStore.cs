using System.Globalization;
using System.Text.Json;
using PlexImprove.Core.Changes.Files;

namespace PlexImprove.Core.Changes.Backups;

/// <summary>
/// Takes and finds backups: <c>&lt;work&gt;/iteration_&lt;N&gt;/_BACKUPS/&lt;fix-id&gt;_&lt;yyyyMMdd_HHmmss&gt;/</c> holding each file
/// under its path relative to the Plug-ins root, and <c>manifest.json</c> written last (a folder without a
/// manifest is an interrupted backup, taken before any target was touched).
/// </summary>
public sealed class BackupStore
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestName = "manifest.json";

    private readonly WorkFolder _work;
    private readonly AtomicFileWriter _writer = new();

    public BackupStore(WorkFolder work) => _work = work;

    /// <summary>Copies the original files and writes the manifest. Returns the complete backup.</summary>
    public BackupSet Create(int iteration, string fixId, string pluginsRoot, DateTimeOffset now, IReadOnlyList<(BackupManifestEntry Entry, byte[] Original)> files)
    {
        var baseName = $"{fixId}_{now.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)}";
        var folder = Path.Combine(_work.BackupsPath(iteration), baseName);
        for (var n = 2; Directory.Exists(folder); n++)
        {
            folder = Path.Combine(_work.BackupsPath(iteration), $"{baseName}_{n.ToString(CultureInfo.InvariantCulture)}");
        }

        Directory.CreateDirectory(folder);
        var set = new BackupSet
        {
            FolderPath = folder,
            Manifest = new BackupManifest
            {
                FixId = fixId, Iteration = iteration, CreatedAt = now, PluginsRoot = pluginsRoot,
                Files = [.. files.Select(f => f.Entry)],
            },
        };
        foreach (var (entry, original) in files)
        {
            _writer.Write(set.CopyPath(entry), original, FileSnapshot.ParseMode(entry.Mode));
        }

        _writer.Write(Path.Combine(folder, ManifestName), JsonSerializer.SerializeToUtf8Bytes(set.Manifest, ChangesJson.Options), mode: null);
        return set;
    }

    /// <summary>Every complete backup of the work folder, newest first.</summary>
    public IReadOnlyList<BackupSet> List()
    {
        var sets = new List<BackupSet>();
        foreach (var iteration in _work.Iterations())
        {
            var backups = _work.BackupsPath(iteration);
            if (!Directory.Exists(backups))
            {
                continue;
            }

            foreach (var folder in Directory.EnumerateDirectories(backups))
            {
                var manifestPath = Path.Combine(folder, ManifestName);
                if (!File.Exists(manifestPath))
                {
                    continue;
                }

                BackupManifest? manifest;
                try
                {
                    manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllBytes(manifestPath), ChangesJson.Options);
                }
                catch (JsonException e)
                {
                    throw new BackupNotFoundException($"The backup manifest '{manifestPath}' cannot be read ({e.Message}); restore that backup by hand from its files.");
                }

                if (manifest is not null)
                {
                    sets.Add(new BackupSet { FolderPath = folder, Manifest = manifest });
                }
            }
        }

        return [.. sets.OrderByDescending(s => s.Manifest.CreatedAt).ThenByDescending(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>Backup folders without a manifest (interrupted before any target was written).</summary>
    public IReadOnlyList<string> IncompleteFolders() =>
    [
        .. _work.Iterations()
            .Select(_work.BackupsPath)
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .Where(f => !File.Exists(Path.Combine(f, ManifestName)))
            .Order(StringComparer.Ordinal),
    ];
}
