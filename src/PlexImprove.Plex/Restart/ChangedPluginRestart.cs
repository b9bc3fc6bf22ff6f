using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Errors;

namespace PlexImprove.Plex.Restart;

/// <summary>
/// Settles which plug-ins a restart is about: named ones must be plug-ins this installation knows (else bad input,
/// naming the known ones); with none named, the per-plugin restart takes the plug-ins whose files changed in the
/// work folder's last fix, so a fix (or its rollback) is followed by a restart of exactly what it touched.
/// </summary>
public static class ChangedPluginRestart
{
    /// <summary>The bundle identifiers the Plug-ins folder holds and the logs folder has logs of, sorted.</summary>
    public static IReadOnlyList<string> KnownPlugins(string? pluginsDir, string? logsDir)
    {
        var known = new SortedSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(pluginsDir))
        {
            known.UnionWith(PluginBundles.Find(pluginsDir).Select(b => b.Identifier));
        }

        if (!string.IsNullOrWhiteSpace(logsDir) && Directory.Exists(logsDir))
        {
            foreach (var file in Directory.EnumerateFiles(logsDir, "*.log"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (name.StartsWith("com.plexapp.agents.", StringComparison.Ordinal))
                {
                    known.Add(name);
                }
            }
        }

        return [.. known];
    }

    /// <summary>
    /// The request with its plug-ins settled. Named plug-ins are checked against <see cref="KnownPlugins"/> when
    /// that list is not empty; with none named and method auto or plugin, the last fix of <paramref name="work"/>
    /// gives them.
    /// </summary>
    /// <exception cref="InvalidInputException">A named plug-in is unknown, or method plugin has nothing to restart.</exception>
    public static RestartPlan Plan(RestartRequest request, string? pluginsDir, WorkFolder? work)
    {
        ArgumentNullException.ThrowIfNull(request);
        var known = KnownPlugins(pluginsDir, request.LogsDir);
        var unknown = request.Plugins.Where(p => known.Count > 0 && !known.Contains(p, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInputException(
                $"Unknown plug-in {string.Join(", ", unknown.Select(u => $"'{u}'"))}: this installation knows {KnownList(known)}. " +
                "Name one of them with --plugin (the CFBundleIdentifier in the bundle's Contents/Info.plist).");
        }

        if (request.Plugins.Count > 0 || request.Method is not (RestartMethod.Auto or RestartMethod.Plugin))
        {
            return new RestartPlan { Request = request, KnownPlugins = known };
        }

        var last = work is not null && !string.IsNullOrWhiteSpace(pluginsDir) ? FixPlugins.Last(work, pluginsDir) : null;
        if (last is { Plugins.Count: > 0 })
        {
            return new RestartPlan { Request = With(request, last.Plugins), KnownPlugins = known, FromFix = last.FixId };
        }

        if (request.Method == RestartMethod.Plugin)
        {
            throw new InvalidInputException(
                $"The per-plugin restart needs a plug-in and the work folder has no fix to take one from: name it with --plugin ({KnownList(known)}).");
        }

        return new RestartPlan { Request = request, KnownPlugins = known };
    }

    private static string KnownList(IReadOnlyList<string> known) =>
        known.Count == 0 ? "no plug-ins (check Plex:PluginsDir and Plex:LogsDir)" : string.Join(", ", known);

    private static RestartRequest With(RestartRequest request, IReadOnlyList<string> plugins) => new()
    {
        Method = request.Method,
        Plugins = plugins,
        LogsDir = request.LogsDir,
        IdentityTimeout = request.IdentityTimeout,
        PluginStartTimeout = request.PluginStartTimeout,
        Platform = request.Platform,
    };
}
