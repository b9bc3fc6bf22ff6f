using System.Text;
using PlexImprove.Agent.Sites;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>
/// The network hosts a proposed change makes an agent reach that its bundle's code never named: what a hostile
/// model would add to send data elsewhere. Such a fix needs a person's approval; the loop never applies it itself.
/// </summary>
public sealed class NewNetworkHosts : INetworkHostReview
{
    private readonly PluginsRoot _root;
    private readonly Dictionary<string, SiteScope> _bundles = new(StringComparer.Ordinal);

    public NewNetworkHosts(PluginsRoot root) => _root = root;

    /// <summary>The hosts <paramref name="added"/> names that <paramref name="removed"/> did not and the bundle of <paramref name="file"/> never uses.</summary>
    /// <param name="file">The changed file, relative to the Plug-ins root.</param>
    /// <param name="added">The text the change adds.</param>
    /// <param name="removed">The text it replaces.</param>
    public IReadOnlyList<string> In(string file, string added, string removed)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fresh = SiteScope.HostsIn(added).Except(SiteScope.HostsIn(removed)).ToList();
        if (fresh.Count == 0)
        {
            return [];
        }

        string bundle = file.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (!_bundles.TryGetValue(bundle, out var known))
        {
            known = SiteScope.Scan(Path.Combine(_root.FullPath, bundle), []);
            _bundles[bundle] = known;
        }

        return [.. fresh.Where(host => !Uri.TryCreate("http://" + (host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host), UriKind.Absolute, out var url) || !known.Allows(url)).Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> NewHosts(string relativePath, string before, string after) => In(relativePath, after, before);

    /// <summary>The rules of <c>apply</c> and <c>apply_patch</c>: one bundle per fix; a new host only when approved in the way <paramref name="howToApprove"/> says.</summary>
    public static ChangeAdmission Admission(PluginsRoot root, string howToApprove) => new()
    {
        OneBundlePerFix = true,
        NewHosts = new NewNetworkHosts(root),
        HowToApprove = howToApprove,
    };

    /// <summary>The message of a fix refused for adding <paramref name="hosts"/>.</summary>
    public static string Refusal(string where, string file, IReadOnlyList<string> hosts) =>
        $"{where}: the change makes '{file}' reach {string.Join(", ", hosts.Select(h => $"'{h}'"))}, which the agent's code never used. " +
        "A new network host can carry data away, so it needs a person's approval: review the fix and apply it with 'plex-improve apply'; the loop never applies it on its own.";

    /// <summary>The added and removed text of each file of a unified diff.</summary>
    public static IEnumerable<(string File, string Added, string Removed)> ChangesOf(Core.Changes.Patches.PatchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var file in document.Files)
        {
            var added = new StringBuilder();
            var removed = new StringBuilder();
            foreach (var line in file.Hunks.SelectMany(h => h.Lines))
            {
                var target = line.Kind switch
                {
                    Core.Changes.Patches.DiffLineKind.Added => added,
                    Core.Changes.Patches.DiffLineKind.Removed => removed,
                    _ => null,
                };
                target?.Append(Encoding.UTF8.GetString(line.Content.Span)).Append('\n');
            }

            foreach (var edit in file.Edits)
            {
                added.Append(Encoding.UTF8.GetString(edit.Replace.Span)).Append('\n');
                removed.Append(Encoding.UTF8.GetString(edit.Search.Span)).Append('\n');
            }

            yield return (file.Path, added.ToString(), removed.ToString());
        }
    }
}
