using PlexImprove.Agent.Preflight;

namespace PlexImprove.Agent.Tests.Preflight;

/// <summary>The arguments of a failed search, read back from the line the Framework logs when the search starts.</summary>
public sealed class SearchArgumentsTests
{
    [Fact]
    public void FrameworkSearchLine_GivesNameYearFileAndRatingKey_WithUtf8BytesDecoded()
    {
        const string line = "2026-11-30 21:00:00,137 (1a000) :  DEBUG (agentkit:961) - Searching for matches for {'openSubtitlesHash': None, 'name': 'Caf\\xc3\\xa9 Society', 'year': 2016, 'filename': '%2Fdata%2FMovies%2FCaf%C3%A9%20Society%20%282016%29.mkv', 'duration': None, 'id': '42', 'guid': None, 'manual': False}";

        var item = SearchArguments.Parse(line);

        Assert.NotNull(item);
        Assert.Equal("42", item.RatingKey);
        Assert.Equal("Café Society", item.Name);
        Assert.Equal(2016, item.Year);
        Assert.Equal("/data/Movies/Café Society (2016).mkv", item.File);
    }

    [Fact]
    public void NameWithAnApostrophe_IsReadFromItsDoubleQuotedRepr()
    {
        var item = SearchArguments.Parse("Searching for matches for {'name': \"Don't Look Back\", 'year': None, 'id': '7'}");

        Assert.NotNull(item);
        Assert.Equal("Don't Look Back", item.Name);
        Assert.Null(item.Year);
        Assert.Equal("", item.File);
    }

    [Theory]
    [InlineData("Requesting 'https://example.org/search?q=x'")]
    [InlineData("Searching for matches for {'year': 2001, 'id': '3'}")]
    [InlineData("Searching for matches for {'name': 'No Id'}")]
    public void LineWithoutANamedSearchedItem_GivesNothing(string line) => Assert.Null(SearchArguments.Parse(line));
}
