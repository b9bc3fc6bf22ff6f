using System.Text;
using System.Text.Json;
using PlexImprove.Sandbox.Scenarios;
using PlexImprove.Sandbox.Sites;

namespace PlexImprove.Sandbox.Tests.Sites;

/// <summary>Fixture pages as the fake sites send them: JSON API answers, HTML with text as written, legacy charsets.</summary>
public sealed class FixtureTemplateTests
{
    private static readonly CatalogEntry Amelie = new() { Id = "amelie-2001", Title = "Amélie \"Poulain\"", Year = 2001, Studio = "Claudie Ossard", Summary = "Montmartre, 1997.\nA café." };
    private static readonly CatalogEntry Spirited = new() { Id = "spirited-away", Title = "千と千尋の神隠し", Year = 2001 };

    [Fact]
    public void JsonSearchTemplate_RendersAValidArray_WithValuesEscapedForJsonStrings()
    {
        const string Template = """{"page": 1, "results": [{{#results}}{"id": "{{id}}", "title": "{{title}}", "year": {{year}}}{{/results}}]}""";

        var body = FixtureTemplate.Render(Template, null, [Amelie, Spirited], json: true);

        using var document = JsonDocument.Parse(body);
        var results = document.RootElement.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal("Amélie \"Poulain\"", results[0].GetProperty("title").GetString());
        Assert.Equal("千と千尋の神隠し", results[1].GetProperty("title").GetString());
        Assert.Equal(2001, results[1].GetProperty("year").GetInt32());
    }

    [Fact]
    public void JsonDetailTemplate_KeepsLineBreaksInsideTheString()
    {
        var body = FixtureTemplate.Render("""{"synopsis": "{{summary}}"}""", Amelie, null, json: true);

        using var document = JsonDocument.Parse(body);
        Assert.Equal("Montmartre, 1997.\nA café.", document.RootElement.GetProperty("synopsis").GetString());
    }

    [Fact]
    public void HtmlTemplate_EscapesMarkupOnly_AndKeepsNonAsciiTextAsWritten()
    {
        var body = FixtureTemplate.Render("<h1>{{title}}</h1>", Amelie, null);

        Assert.Equal("<h1>Amélie &quot;Poulain&quot;</h1>", body);
    }

    [Theory]
    [InlineData("anime.JSON", true)]
    [InlineData("sites/api/show.json", true)]
    [InlineData("sites/web/show.html", false)]
    public void TemplatesNamedJson_AreApiAnswers(string path, bool json) => Assert.Equal(json, FixtureTemplate.IsJson(path));

    [Fact]
    public void LegacyCharset_SendsWhatItHasAsBytes_AndTheRestAsCharacterReferences()
    {
        var bytes = LegacyCharset.Encode("<p>Amélie – 千</p>", "iso-8859-1");

        Assert.Equal("<p>Am\u00e9lie &#8211; &#21315;</p>", Encoding.Latin1.GetString(bytes));
        Assert.Equal(0xE9, bytes[5]);
    }

    [Fact]
    public void LegacyCharset_ReferencesACharacterOutsideTheBasicPlaneByItsCodePoint()
    {
        var bytes = LegacyCharset.Encode("🎬", "us-ascii");

        Assert.Equal("&#127916;", Encoding.ASCII.GetString(bytes));
    }
}
