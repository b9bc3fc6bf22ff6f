using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Changes.Files;

namespace PlexImprove.Core.Changes;

/// <summary>A fix written in a work folder and the plug-ins whose files it changed (the ones to restart after it or its rollback, and to draw controls from).</summary>
public sealed class FixPlugins
{
    public required string FixId { get; init; }

    public required int Iteration { get; init; }

    /// <summary>The changed files, relative to the Plug-ins folder.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The bundle identifiers owning those files (<c>com.plexapp.agents.X</c>).</summary>
    public required IReadOnlyList<string> Plugins { get; init; }

    /// <summary>The newest fix written in <paramref name="work"/>, with its plug-ins under <paramref name="pluginsDir"/>; null when the work folder has no backup.</summary>
    public static FixPlugins? Last(WorkFolder work, string pluginsDir)
    {
        ArgumentNullException.ThrowIfNull(work);
        return From(new BackupStore(work).List().FirstOrDefault(), pluginsDir);
    }

    /// <summary>The newest backup of fix <paramref name="fixId"/> in <paramref name="work"/>; null when it has none.</summary>
    public static FixPlugins? Of(WorkFolder work, string fixId, string pluginsDir)
    {
        ArgumentNullException.ThrowIfNull(work);
        return From(new BackupStore(work).List().FirstOrDefault(s => s.Manifest.FixId == fixId), pluginsDir);
    }

    private static FixPlugins? From(BackupSet? set, string pluginsDir)
    {
        if (set is null)
        {
            return null;
        }

        var files = set.Manifest.Files.Select(f => f.Path).ToList();
        return new FixPlugins
        {
            FixId = set.Manifest.FixId,
            Iteration = set.Manifest.Iteration,
            Files = files,
            Plugins = PluginBundles.Owning(PluginBundles.Find(pluginsDir), files),
        };
    }
}
