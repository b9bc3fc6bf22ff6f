using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.XPath;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Html;
using Xunit;

namespace PlexImprove.Core.Tests.Html;

/// <summary>The XPath conformance table (every axis, predicates, functions, unions) against <see cref="HtmlXPath"/>.</summary>
public sealed class HtmlXPathConformanceTests
{
    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Table().GetProperty("cases").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryConformanceCase_GivesTheExpectedMatches(int index)
    {
        var table = Table();
        var @case = table.GetProperty("cases")[index];
        var page = table.GetProperty("pages").GetProperty(@case.GetProperty("page").GetString()!);
        var expression = @case.GetProperty("expr").GetString()!;
        var expected = @case.GetProperty("expect");
        var context = Document(page.GetProperty("kind").GetString()!, page.GetProperty("source").GetString()!);
        if (@case.TryGetProperty("context", out var contextExpression))
        {
            context = HtmlXPath.EvaluateAt(context, contextExpression.GetString()!).Nodes![0];
        }

        if (expected.ValueKind == JsonValueKind.String && expected.GetString() == "error")
        {
            var error = Assert.Throws<InvalidInputException>(() => HtmlXPath.EvaluateAt(context, expression));
            Assert.Contains(expression, error.Message, StringComparison.Ordinal);
            return;
        }

        var value = HtmlXPath.EvaluateAt(context, expression);
        if (expected.ValueKind == JsonValueKind.Array)
        {
            Assert.NotNull(value.Nodes);
            Assert.Equal(expected.EnumerateArray().Select(e => e.GetString()!).ToList(), value.Nodes.Select(Canonical).ToList());
        }
        else
        {
            Assert.Equal(expected.GetString(), Canonical(value));
        }
    }

    [Fact]
    public void EvaluateAt_AnElement_StartsRelativePathsThereAndAbsoluteOnesAtTheDocument()
    {
        var page = HtmlXPath.Parse("<html><body><ul><li>a</li></ul><ul><li>b</li><li>c</li></ul></body></html>").CreateNavigator();
        var second = HtmlXPath.EvaluateAt(page, "//ul[2]").Nodes![0];

        Assert.Equal(["b", "c"], HtmlXPath.EvaluateAt(second, "li/text()").Nodes!.Select(n => n.Value));
        Assert.Equal(3, HtmlXPath.EvaluateAt(second, "count(//li)").Number);
        Assert.True(HtmlXPath.EvaluateAt(second, "li[2] = 'c'").Boolean);
    }

    [Fact]
    public void Parse_DecodesCharacterReferencesOnce_ButLeavesScriptsAlone()
    {
        var page = HtmlXPath.Parse("<p title=\"a &amp;amp; b\">x &lt; y &eacute;</p><script>if (a &amp;&amp; b) {}</script>").CreateNavigator();

        Assert.Equal("a &amp; b", HtmlXPath.EvaluateAt(page, "string(//p/@title)").Text);
        Assert.Equal("x < y é", HtmlXPath.EvaluateAt(page, "string(//p)").Text);
        Assert.Equal("if (a &amp;&amp; b) {}", HtmlXPath.EvaluateAt(page, "string(//script)").Text);
    }

    internal static JsonElement Table()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "xpath-conformance.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    private static XPathNavigator Document(string kind, string source)
    {
        if (kind == "html")
        {
            return HtmlXPath.Parse(source).CreateNavigator();
        }

        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.LoadXml(source);
        return document.CreateNavigator()!;
    }

    private static string Canonical(XPathNavigator node) =>
        node.NodeType == XPathNodeType.Element ? $"<{node.Name}>{node.Value.Trim()}" : node.Value;

    private static string Canonical(XPathValue value) => value switch
    {
        { Number: { } n } => "number:" + n.ToString("R", CultureInfo.InvariantCulture),
        { Boolean: { } b } => b ? "boolean:true" : "boolean:false",
        _ => "string:" + value.Text,
    };
}
