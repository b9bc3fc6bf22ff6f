namespace PlexImprove.Core.Signatures;

/// <summary>Accumulates failure events into signatures (one table per agent, merged at the end).</summary>
internal sealed class SignatureTable
{
    private const int MaxExampleLength = 500;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Records one event and returns its signature id.</summary>
    public string Add(SignatureKind kind, string template, string agent, DateTime timestamp, string example)
    {
        var key = SignatureIds.KindName(kind) + "\n" + template;
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new Entry(SignatureIds.For(kind, template), kind, template, timestamp, Truncate(example));
            _entries.Add(key, entry);
        }

        entry.Count++;
        entry.Agents.Add(agent);
        if (timestamp < entry.FirstSeen)
        {
            entry.FirstSeen = timestamp;
        }

        if (timestamp > entry.LastSeen)
        {
            entry.LastSeen = timestamp;
        }

        return entry.Id;
    }

    public void MergeFrom(SignatureTable other)
    {
        foreach (var (key, theirs) in other._entries)
        {
            if (!_entries.TryGetValue(key, out var ours))
            {
                ours = new Entry(theirs.Id, theirs.Kind, theirs.Template, theirs.FirstSeen, theirs.Example);
                _entries.Add(key, ours);
            }
            else if (theirs.FirstSeen < ours.FirstSeen)
            {
                ours.FirstSeen = theirs.FirstSeen;
                ours.Example = theirs.Example;
            }

            ours.Count += theirs.Count;
            ours.Agents.UnionWith(theirs.Agents);
            ours.LastSeen = theirs.LastSeen > ours.LastSeen ? theirs.LastSeen : ours.LastSeen;
        }
    }

    /// <summary>The signatures, most frequent first (ties by id, so output is deterministic).</summary>
    public IReadOnlyList<SignatureSummary> ToSummaries() =>
        _entries.Values
            .OrderByDescending(e => e.Count)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new SignatureSummary
            {
                Id = e.Id,
                Kind = SignatureIds.KindName(e.Kind),
                Text = e.Template,
                Count = e.Count,
                Agents = e.Agents.Order(StringComparer.Ordinal).ToList(),
                FirstSeen = e.FirstSeen,
                LastSeen = e.LastSeen,
                Example = e.Example,
            })
            .ToList();

    private static string Truncate(string example) =>
        example.Length <= MaxExampleLength ? example : example[..MaxExampleLength] + "…";

    private sealed class Entry(string id, SignatureKind kind, string template, DateTime firstSeen, string example)
    {
        public string Id { get; } = id;
        public SignatureKind Kind { get; } = kind;
        public string Template { get; } = template;
        public long Count { get; set; }
        public HashSet<string> Agents { get; } = new(StringComparer.Ordinal);
        public DateTime FirstSeen { get; set; } = firstSeen;
        public DateTime LastSeen { get; set; } = firstSeen;
        public string Example { get; set; } = example;
    }
}
