namespace PlexImprove.Sandbox.Providers;

/// <summary>
/// What Plex said about an item when it matched it (name, year, file, and a show's episodes), kept so a later metadata
/// call can hand the agent's <c>update</c> the media object it expects. A metadata GET carries only the ratingKey;
/// after a restart, or beyond <see cref="Capacity"/> items, <c>update</c> sees the id alone.
/// </summary>
public sealed class MatchMemory
{
    /// <summary>Items remembered per provider before the oldest are forgotten.</summary>
    public const int Capacity = 20_000;

    private readonly Dictionary<(string Provider, string Id), RememberedItem> _items = [];
    private readonly Queue<(string Provider, string Id)> _order = new();
    private readonly Lock _lock = new();

    /// <summary>Remembers an item matched; with <paramref name="season"/> (and <paramref name="episode"/>) a season or episode of a show, <paramref name="filename"/> being the episode's; <paramref name="libraryId"/> is the library's id of the item when Plex gave it (<see cref="MatchQuery.LibraryId"/>).</summary>
    public void Remember(string provider, string id, string name, int? year, string? filename, int? season = null, int? episode = null, string? libraryId = null)
    {
        lock (_lock)
        {
            if (!_items.TryGetValue((provider, id), out var item))
            {
                item = new RememberedItem();
                _items[(provider, id)] = item;
                _order.Enqueue((provider, id));
                while (_order.Count > Capacity)
                {
                    _items.Remove(_order.Dequeue());
                }
            }

            item.Name = name;
            item.Year = year ?? item.Year;
            item.LibraryId = season is null ? libraryId ?? item.LibraryId : item.LibraryId;
            if (season is { } s && episode is { } e)
            {
                item.Episodes[(s, e)] = filename;
            }
            else if (season is { } only)
            {
                item.Seasons.Add(only);
            }
            else
            {
                item.Filename = filename ?? item.Filename;
            }
        }
    }

    /// <summary>A copy of what is known about an item (empty when nothing is).</summary>
    public RememberedItem Recall(string provider, string id)
    {
        lock (_lock)
        {
            return _items.TryGetValue((provider, id), out var item) ? item.Copy() : new RememberedItem();
        }
    }
}

/// <summary>One item as Plex described it at match time.</summary>
public sealed class RememberedItem
{
    public string? Name { get; set; }

    public int? Year { get; set; }

    public string? Filename { get; set; }

    /// <summary>The library's id of the item, when a match told it (the update's <c>dbid</c>, as the Framework logs it).</summary>
    public string? LibraryId { get; set; }

    /// <summary>A show's episodes Plex asked about, with their files.</summary>
    public SortedDictionary<(int Season, int Episode), string?> Episodes { get; } = [];

    /// <summary>A show's seasons Plex asked about by themselves.</summary>
    public SortedSet<int> Seasons { get; } = [];

    public RememberedItem Copy()
    {
        var copy = new RememberedItem { Name = Name, Year = Year, Filename = Filename, LibraryId = LibraryId };
        foreach (var (key, file) in Episodes)
        {
            copy.Episodes[key] = file;
        }

        copy.Seasons.UnionWith(Seasons);

        return copy;
    }
}
