using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>The emulated library built from a scenario: sections in manifest order, ratingKeys numbered from 1.</summary>
public sealed class SandboxLibrary
{
    private readonly Dictionary<string, LibraryItem> _items;

    public SandboxLibrary(ScenarioManifest manifest, TimeProvider time)
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
                Provider = spec.Provider is null ? null : new Uri(spec.Provider),
                CreatedAt = now,
                Items = items,
            });
        }

        Sections = sections;
        _items = sections.SelectMany(s => s.Items).ToDictionary(i => i.RatingKey, StringComparer.Ordinal);
    }

    public IReadOnlyList<LibrarySection> Sections { get; }

    public IEnumerable<LibraryItem> Items => Sections.SelectMany(s => s.Items);

    public LibraryItem? Find(string ratingKey) => _items.GetValueOrDefault(ratingKey);

    public LibrarySection? Section(int id) => Sections.FirstOrDefault(s => s.Id == id);

    public LibrarySection SectionOf(LibraryItem item) => Section(item.SectionId)!;
}
