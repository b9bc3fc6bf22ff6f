namespace PlexImprove.Core.Signatures;

/// <summary>Accumulates failure events into signatures (one table per agent, merged at the end).</summary>
internal sealed class SignatureTable
{
    private const int MaxExampleLength = 500;

    // Keyed by kind and template (descriptions compare by value); a reference-type key keeps the dictionary's code shared
    // and precompiled rather than compiled for a value-type key at run time.
    private readonly Dictionary<FailureDescription, Entry> _entries = [];

    /// <summary>
    /// Records one event of a signature already in the table and returns its id; null when the signature is new,
    /// and then nothing is recorded: <see cref="Add"/> it with its example.
    /// </summary>
    public string? TryCount(FailureDescription failure, string agent, DateTime timestamp)
    {
        if (!_entries.TryGetValue(failure, out var entry))
        {
            return null;
        }

        entry.Count(agent, timestamp);
        return entry.Id;
    }

    /// <summary>Records one event and returns its signature id.</summary>
    public string Add(FailureDescription failure, string agent, DateTime timestamp, string example)
    {
        if (!_entries.TryGetValue(failure, out var entry))
        {
            entry = new Entry(SignatureIds.For(failure.Kind, failure.Template), failure.Kind, failure.Template, timestamp, Truncate(example));
            _entries.Add(failure, entry);
        }

        entry.Count(agent, timestamp);
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

            ours.Events += theirs.Events;
            ours.Agents.UnionWith(theirs.Agents);
            ours.LastSeen = theirs.LastSeen > ours.LastSeen ? theirs.LastSeen : ours.LastSeen;
        }
    }

    /// <summary>The signatures, most frequent first (ties by id, so output is deterministic).</summary>
    public IReadOnlyList<SignatureSummary> ToSummaries() =>
        _entries.Values
            .OrderByDescending(e => e.Events)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new SignatureSummary
            {
                Id = e.Id,
                Kind = SignatureIds.KindName(e.Kind),
                Text = e.Template,
                Count = e.Events,
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
        private string? _lastAgent;

        public string Id { get; } = id;
        public SignatureKind Kind { get; } = kind;
        public string Template { get; } = template;
        public long Events { get; set; }
        public HashSet<string> Agents { get; } = new(StringComparer.Ordinal);
        public DateTime FirstSeen { get; set; } = firstSeen;
        public DateTime LastSeen { get; set; } = firstSeen;
        public string Example { get; set; } = example;

        public void Count(string agent, DateTime timestamp)
        {
            Events++;

            // One table serves one agent while logs are read: its name is added once, not hashed per event.
            if (!ReferenceEquals(agent, _lastAgent))
            {
                Agents.Add(agent);
                _lastAgent = agent;
            }

            if (timestamp < FirstSeen)
            {
                FirstSeen = timestamp;
            }

            if (timestamp > LastSeen)
            {
                LastSeen = timestamp;
            }
        }
    }
}
