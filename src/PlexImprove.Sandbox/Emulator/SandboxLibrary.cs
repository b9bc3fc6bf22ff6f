using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>The emulated library built from a scenario: sections in manifest order, ratingKeys numbered from 1.</summary>
public sealed class SandboxLibrary
{
    private readonly Dictionary<string, LibraryItem> _items;

    private readonly Dictionary<string, IReadOnlyList<LibraryChild>> _childrenOf = new(StringComparer.Ordinal);

    private readonly Dictionary<string, LibraryChild> _levels = new(StringComparer.Ordinal);

    /// <param name="manifest">The scenario's sections and items.</param>
    /// <param name="time">The clock behind the items' <c>addedAt</c>.</param>
    /// <param name="boxProviders">The box's own provider URL of each section served by it (<see cref="SectionSpec.SelfProvider"/>), by section id.</param>
    public SandboxLibrary(ScenarioManifest manifest, TimeProvider time, IReadOnlyDictionary<int, Uri>? boxProviders = null)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var next = 1;
        var sections = new List<LibrarySection>();
        foreach (var spec in manifest.Sections!)
        {
            var type = spec.Type ?? SectionType.Movie;
            var uuid = System.Guid.NewGuid().ToString();
            var items = spec.Items!.Select(i => new LibraryItem((next++).ToString(System.Globalization.CultureInfo.InvariantCulture), spec.Id, i.File!, now)
            {
                Type = SectionType.ItemTypeOf(type),
                SectionUuid = uuid,
            }).ToList();
            sections.Add(new LibrarySection
            {
                Id = spec.Id,
                Title = spec.Title!,
                Agent = spec.Agent!,
                Type = type,
                Uuid = uuid,
                Provider = spec.ProvidedByBox
                    ? boxProviders?.GetValueOrDefault(spec.Id) ?? throw new InvalidOperationException($"Section {spec.Id} is served by the box's provider, which did not start.")
                    : spec.Provider is null ? null : new Uri(spec.Provider),
                CreatedAt = now,
                Items = items,
            });
        }

        Sections = sections;
        _items = sections.SelectMany(s => s.Items).ToDictionary(i => i.RatingKey, StringComparer.Ordinal);

        // Seasons, episodes, albums and tracks are numbered after every section's items, so that the items keep the
        // ratingKeys a scenario's order gives them.
        string NextKey() => (next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var item in Items)
        {
            var below = LibraryChild.Below(item, NextKey);
            _childrenOf[item.RatingKey] = below;
            foreach (var child in below.Concat(below.SelectMany(c => c.Children)))
            {
                _levels[child.RatingKey] = child;
            }
        }
    }

    /// <summary>
    /// The children of an item or of a level below one (a show's seasons, a season's episodes, an artist's albums, an
    /// album's tracks; none for a movie, an episode or a track), with the section they belong to; null for an unknown
    /// ratingKey.
    /// </summary>
    public (IReadOnlyList<LibraryChild> Children, LibrarySection Section, string Title)? ChildrenOf(string ratingKey)
    {
        if (_items.TryGetValue(ratingKey, out var item))
        {
            return (_childrenOf[ratingKey], SectionOf(item), item.Title);
        }

        return _levels.TryGetValue(ratingKey, out var level) ? (level.Children, SectionOf(level.Top), level.Title) : null;
    }

    public IReadOnlyList<LibrarySection> Sections { get; }

    public IEnumerable<LibraryItem> Items => Sections.SelectMany(s => s.Items);

    public LibraryItem? Find(string ratingKey) => _items.GetValueOrDefault(ratingKey);

    /// <summary>A season, episode, album or track by its ratingKey (see <see cref="LibraryChild"/>).</summary>
    public LibraryChild? FindLevel(string ratingKey) => _levels.GetValueOrDefault(ratingKey);

    /// <summary>The levels of one type (<c>season</c>, <c>episode</c>, <c>album</c>, <c>track</c>) below a section's items, in ratingKey order.</summary>
    public IReadOnlyList<LibraryChild> LevelsOf(LibrarySection section, string type) =>
        [.. section.Items.SelectMany(i => _childrenOf[i.RatingKey].SelectMany(c => c.Children.Prepend(c))).Where(c => string.Equals(c.Type, type, StringComparison.Ordinal))];

    public LibrarySection? Section(int id) => Sections.FirstOrDefault(s => s.Id == id);

    public LibrarySection SectionOf(LibraryItem item) => Section(item.SectionId)!;
}
