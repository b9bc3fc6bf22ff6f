namespace PlexImprove.Core.Changes.Backups;

/// <summary>
/// How the fixes of a work folder sit on top of each other, file by file, read from the backup manifests alone:
/// fix B is stacked on fix A for a file when B's "before" hash is A's "after" hash. It tells a fix's own later
/// changes apart from edits made outside the tool, so a rollback can name the later fixes instead of blaming
/// "someone else", and <c>backups</c> can show each fix's true state after any sequence of applies and rollbacks.
/// </summary>
public sealed class FixStack
{
    private readonly List<BackupSet> _oldestFirst;

    /// <param name="sets">Every backup of the work folder, in any order.</param>
    public FixStack(IEnumerable<BackupSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        _oldestFirst = [.. sets.OrderBy(s => s.Manifest.CreatedAt).ThenBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The later fixes whose changes explain why <paramref name="path"/> holds <paramref name="current"/> on top of
    /// <paramref name="set"/>'s change, oldest first; empty when the file holds the fix's own result, null when the
    /// content is not the fix's result with later fixes applied on it.
    /// </summary>
    public IReadOnlyList<BackupSet>? LaterFixesOnTop(BackupSet set, string path, string? current)
    {
        var entry = EntryOf(set, path);
        if (entry is null || current is null)
        {
            return null;
        }

        var index = _oldestFirst.FindIndex(s => SameSet(s, set));
        var later = index < 0 ? [] : _oldestFirst.Skip(index + 1).ToList();
        return PathBetween(later, path, entry.Sha256After, current);
    }

    /// <summary>
    /// True when <paramref name="current"/> shows <paramref name="set"/>'s change is absent from the file: it is the
    /// content before the fix, an earlier state (an earlier fix was rolled back too), or what other fixes made of
    /// the content before the fix.
    /// </summary>
    public bool IsAbsent(BackupSet set, string path, string? current)
    {
        var entry = EntryOf(set, path);
        if (entry is null || current is null)
        {
            return false;
        }

        if (current == entry.Sha256Before)
        {
            return true;
        }

        var others = _oldestFirst.Where(s => !SameSet(s, set)).ToList();
        return PathBetween(others, path, entry.Sha256Before, current) is not null
               || PathBetween(others, path, current, entry.Sha256Before) is not null;
    }

    /// <summary>The earlier fixes whose result of <paramref name="path"/> is <paramref name="sha256"/> (a fix applied now stacks on them).</summary>
    public IReadOnlyList<BackupSet> FixesResultingIn(string path, string sha256) =>
        [.. _oldestFirst.Where(s => EntryOf(s, path)?.Sha256After == sha256)];

    /// <summary>The state of <paramref name="set"/> given each file's current hash, and the later fixes stacked on it.</summary>
    public (BackupState State, IReadOnlyList<BackupSet> LaterFixes) StateOf(BackupSet set, Func<string, string?> currentHash)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(currentHash);
        var applied = 0;
        var original = 0;
        var laterFixes = new List<BackupSet>();
        foreach (var entry in set.Manifest.Files)
        {
            var current = currentHash(entry.Path);
            if (LaterFixesOnTop(set, entry.Path, current) is { } later)
            {
                applied++;
                laterFixes.AddRange(later.Where(l => !laterFixes.Exists(x => SameSet(x, l))));
            }
            else if (IsAbsent(set, entry.Path, current))
            {
                original++;
            }
            else
            {
                return (BackupState.ChangedSince, []);
            }
        }

        var state = (applied, original) switch
        {
            (_, 0) when laterFixes.Count > 0 => BackupState.Stacked,
            (_, 0) => BackupState.Applied,
            (0, _) => BackupState.Original,
            _ => BackupState.Partial,
        };
        return (state, laterFixes);
    }

    private static BackupManifestEntry? EntryOf(BackupSet set, string path) =>
        set.Manifest.Files.FirstOrDefault(f => string.Equals(f.Path, path, StringComparison.Ordinal));

    private static bool SameSet(BackupSet a, BackupSet b) => string.Equals(a.FolderPath, b.FolderPath, StringComparison.Ordinal);

    /// <summary>The fixes (each used once, in the order given) that lead the file from one hash to another; null when none do.</summary>
    private static List<BackupSet>? PathBetween(List<BackupSet> candidates, string path, string from, string to)
    {
        // Breadth-first over hashes; the candidate lists are a handful of fixes, so no cleverness is needed.
        var reached = new Dictionary<string, List<BackupSet>>(StringComparer.Ordinal) { [from] = [] };
        var frontier = new Queue<string>([from]);
        while (frontier.Count > 0)
        {
            var hash = frontier.Dequeue();
            if (hash == to)
            {
                return reached[hash];
            }

            foreach (var next in candidates)
            {
                var entry = EntryOf(next, path);
                if (entry is null || entry.Sha256Before != hash || reached.ContainsKey(entry.Sha256After))
                {
                    continue;
                }

                reached[entry.Sha256After] = [.. reached[hash], next];
                frontier.Enqueue(entry.Sha256After);
            }
        }

        return null;
    }
}
