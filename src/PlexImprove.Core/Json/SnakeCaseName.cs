using System.Text.Json;

namespace PlexImprove.Core.Json;

/// <summary>
/// An enum value as the reports, the logs and the JSON files write it (<c>RolledBack</c> → <c>rolled_back</c>): the
/// same naming the JSON converters use, so a status reads the same in a report as in the file beside it.
/// </summary>
public static class SnakeCaseName
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
