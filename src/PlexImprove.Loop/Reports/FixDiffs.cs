using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Changes.Patches;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Reports;

/// <summary>
/// The unified diff of every file a fix changed, rebuilt from its backup: the backup holds the bytes before; the bytes
/// after are the file as it is now when its hash still matches the manifest, else the backup a later fix made of the
/// same file (taken just before that fix wrote on top of this one).
/// </summary>
public static class FixDiffs
{
    public static IReadOnlyList<FixFileDiff> Of(string workDir, string pluginsDir, FixRecord fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        IReadOnlyList<BackupSet> sets;
        try
        {
            sets = new BackupStore(new WorkFolder(workDir)).List();
        }
        catch (BackupNotFoundException e)
        {
            return [.. fix.Files.Select(f => new FixFileDiff(f, null, e.Message))];
        }

        var own = sets.FirstOrDefault(s => s.Manifest.FixId == fix.Id && s.Manifest.Iteration == fix.Iteration);
        if (own is null)
        {
            return [.. fix.Files.Select(f => new FixFileDiff(f, null, "no backup of this fix in the run folder"))];
        }

        var diffs = new List<FixFileDiff>();
        foreach (var entry in own.Manifest.Files)
        {
            var before = File.ReadAllBytes(own.CopyPath(entry));
            var after = After(pluginsDir, entry, sets);
            diffs.Add(after is null
                ? new FixFileDiff(entry.Path, null, $"the file has changed since the fix; its original is in {own.CopyPath(entry)}")
                : new FixFileDiff(entry.Path, UnifiedDiffWriter.Write(entry.Path, before, after), null));
        }

        return diffs;
    }

    private static byte[]? After(string pluginsDir, BackupManifestEntry entry, IReadOnlyList<BackupSet> sets)
    {
        var current = Path.Combine([pluginsDir, .. entry.Path.Split('/')]);
        if (File.Exists(current))
        {
            var bytes = File.ReadAllBytes(current);
            if (FileSnapshot.HashOf(bytes) == entry.Sha256After)
            {
                return bytes;
            }
        }

        foreach (var later in sets)
        {
            var same = later.Manifest.Files.FirstOrDefault(f => f.Path == entry.Path && f.Sha256Before == entry.Sha256After);
            if (same is not null && File.Exists(later.CopyPath(same)))
            {
                return File.ReadAllBytes(later.CopyPath(same));
            }
        }

        return null;
    }
}
