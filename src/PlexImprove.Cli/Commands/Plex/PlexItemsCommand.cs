using System.CommandLine;
using PlexImprove.Cli.Hosting;

namespace PlexImprove.Cli.Commands.Plex;

/// <summary><c>plex items</c>: the items of a section, optionally filtered by title (tool <c>plex_find_items</c>).</summary>
public static class PlexItemsCommand
{
    public static Command Create(CliContext context)
    {
        var section = new Option<string>("--section") { Description = "The section key (see 'plex status').", Required = true };
        var title = new Option<string?>("--title") { Description = "Only items whose title contains this text." };
        var url = PlexConnection.UrlOption();
        var json = PlexConnection.JsonOption();
        var command = new Command("items", "List the items of a library section with their ratingKey, year, guid and last update.") { section, title, url, json };
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            using var client = PlexConnection.CreateClient(context, parseResult.GetValue(url));
            var items = await client.GetSectionItemsAsync(parseResult.GetValue(section)!, parseResult.GetValue(title), cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                PlexConnection.WriteJson(context, items.Select(i => new
                {
                    ratingKey = i.RatingKey,
                    title = i.Title,
                    year = i.Year,
                    guid = i.Guid,
                    librarySectionID = i.LibrarySectionId,
                    updatedAt = i.UpdatedAt,
                    hasSummary = !string.IsNullOrWhiteSpace(i.Summary),
                }));
                return ExitCodes.Ok;
            }

            foreach (var item in items)
            {
                string updated = item.UpdatedAt is { } u ? DateTimeOffset.FromUnixTimeSeconds(u).ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "never";
                context.Out.WriteLine(PlexConnection.Invariant($"{item.RatingKey,8}  {item.Title} ({item.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no year"})  updated {updated}  {item.Guid}"));
            }

            context.Error.WriteLine($"{items.Count} item(s).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
