using PlexImprove.Core.Errors;
using PlexImprove.Core.Html;
using Xunit;

namespace PlexImprove.Core.Tests.Html;

public sealed class HtmlXPathTests
{
    private const string Page = """
        <html><body>
          <table class="facts">
            <tr><th>Studio</th><td><a href="/s/1">Falcon</a></td></tr>
            <tr><th>Year</th><td>2006</td></tr>
          </table>
          <div class="list-view"><div class="item-title"><a href="/p/1">Driven</a></div>
          <div class="item-title"><a href="/p/2">Heatwave &amp; Co</a></div></div>
        </body></html>
        """;

    /// <summary>About 2.4 KB of markup: a hundred small elements, like the page of the report that took 47 s.</summary>
    private static readonly string FlatPage = "<html><body>" + string.Concat(Enumerable.Range(0, 100).Select(i => $"<p>item {i}</p>")) + "</body></html>";

    [Fact]
    public void Evaluate_NestedCountOverThePage_IsStoppedByItsBudget_WithAClearMessage()
    {
        var budget = new XPathBudget(maxMoves: 100_000);

        var error = Assert.Throws<InvalidInputException>(() => HtmlXPath.Evaluate(FlatPage, "count(//*[count(//*[count(//*) > 0]) > 0])", budget: budget));

        Assert.Contains("was stopped", error.Message, StringComparison.Ordinal);
        Assert.Contains("100000 steps", error.Message, StringComparison.Ordinal);
        Assert.Equal(100_001, budget.Moves);
    }

    [Fact]
    public void Evaluate_QuadruplyNestedCount_StopsWithinTheDefaultBudget()
    {
        var budget = new XPathBudget();

        var error = Assert.Throws<InvalidInputException>(() => HtmlXPath.Evaluate(FlatPage, "count(//*[count(//*[count(//*[count(//*) > 0]) > 0]) > 0])", budget: budget));
        Assert.Contains("was stopped: ", error.Message, StringComparison.Ordinal);

        Assert.Equal(XPathBudget.DefaultMaxMoves + 1, budget.Moves);
    }

    [Fact]
    public void Evaluate_Cancelled_StopsAtItsNextThousandSteps()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var budget = new XPathBudget(cancellationToken: cancelled.Token);

        Assert.ThrowsAny<OperationCanceledException>(() => HtmlXPath.Evaluate(FlatPage, "count(//*[count(//*) > 0])", budget: budget));

        Assert.Equal(1024, budget.Moves);
    }

    [Fact]
    public void Evaluate_WithinTheBudget_GivesTheSameAnswerAndCountsItsSteps()
    {
        var budget = new XPathBudget();

        var result = HtmlXPath.Evaluate(FlatPage, "count(//p)", budget: budget);

        Assert.Equal("100", result.Scalar);
        Assert.InRange(budget.Moves, 100, 10_000);
    }

    [Fact]
    public void Evaluate_FollowingSiblingAxisWithComparison_FindsTheLabelledCell()
    {
        var result = HtmlXPath.Evaluate(Page, "//tr/th[.='Studio']/following-sibling::td");

        Assert.Equal("Falcon", Assert.Single(result.Matches).Text);
        Assert.StartsWith("<td", Assert.Single(result.Matches).StartTag, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnionOfTwoLayouts_MatchesWhicheverExists()
    {
        var result = HtmlXPath.Evaluate(Page, "//div[@class='item-title']/a | //h3[@class='grid-item__title']/a");

        Assert.Equal(["Driven", "Heatwave & Co"], result.Matches.Select(m => m.Text));
    }

    [Fact]
    public void Evaluate_ScalarFunctions_ReturnTheValue()
    {
        Assert.Equal("2", HtmlXPath.Evaluate(Page, "count(//div[@class='item-title'])").Scalar);
        Assert.Equal("true", HtmlXPath.Evaluate(Page, "starts-with(normalize-space(//tr[2]/td), '2006')").Scalar);
    }

    [Fact]
    public void Evaluate_AttributesAndTextNodes_AreDescribedByKind()
    {
        Assert.Equal(["/p/1", "/p/2"], HtmlXPath.Evaluate(Page, "//div[@class='item-title']/a/@href").Matches.Select(m => m.Text));
        Assert.Equal("text", HtmlXPath.Evaluate(Page, "//tr[2]/td/text()").Matches[0].Kind);
    }

    [Fact]
    public void Evaluate_MaxMatches_CapsTheListButCountsAll()
    {
        var result = HtmlXPath.Evaluate(Page, "//a", maxMatches: 1);

        Assert.Single(result.Matches);
        Assert.Equal(3, result.Total);
    }

    [Fact]
    public void Evaluate_MalformedExpression_IsABadInputNamingIt()
    {
        var error = Assert.Throws<InvalidInputException>(() => HtmlXPath.Evaluate(Page, "//div[@class="));

        Assert.Contains("//div[@class=", error.Message, StringComparison.Ordinal);
    }
}
