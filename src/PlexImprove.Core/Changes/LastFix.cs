using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Changes.Files;

namespace PlexImprove.Core.Changes;

/// <summary>The newest fix written in a work folder and the plug-ins whose files it changed (the ones to restart after it, or after its rollback).</summary>
public sealed class LastFix
{
    public required string FixId { get; init; }

    public required int Iteration { get; init; }

    /// <summary>The changed files, relative to the Plug-ins folder.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The bundle identifiers owning those files (<c>com.plexapp.agents.X</c>).</summary>
    public required IReadOnlyList<string> Plugins { get; init; }

    /// <summary>The newest backup of <paramref name="work"/> and its plug-ins under <paramref name="pluginsDir"/>; null when the work folder has no backup.</summary>
    public static LastFix? Find(WorkFolder work, string pluginsDir)
    {
        ArgumentNullException.ThrowIfNull(work);
        var newest = new BackupStore(work).List().FirstOrDefault();
        if (newest is null)
        {
            return null;
        }

        var files = newest.Manifest.Files.Select(f => f.Path).ToList();
        return new LastFix
        {
            FixId = newest.Manifest.FixId,
            Iteration = newest.Manifest.Iteration,
            Files = files,
            Plugins = PluginBundles.Owning(PluginBundles.Find(pluginsDir), files),
        };
    }
}
