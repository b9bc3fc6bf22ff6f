using System.Globalization;
using System.Xml.XPath;
using HtmlAgilityPack;
using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Html;

/// <summary>Full XPath 1.0 (every axis, predicates, functions, unions) over an HTML page parsed leniently, as lxml parses it for agents.</summary>
public static class HtmlXPath
{
    /// <summary>Parses <paramref name="html"/> once; evaluate many expressions on the result.</summary>
    public static HtmlDocument Parse(string html)
    {
        var document = new HtmlDocument { OptionFixNestedTags = true, OptionAutoCloseOnEnd = true };
        document.LoadHtml(html);
        DecodeEntities(document.DocumentNode);
        return document;
    }

    /// <summary>
    /// Decodes character references in text and attribute values once, as lxml's parser does, so comparisons
    /// (<c>.="A &amp; B"</c>), <c>string()</c> and results all see the text an agent reads; script and style keep theirs.
    /// </summary>
    private static void DecodeEntities(HtmlNode root)
    {
        foreach (var node in root.DescendantsAndSelf())
        {
            if (node is HtmlTextNode text)
            {
                if (text.ParentNode is not { Name: "script" or "style" } && text.Text.Contains('&', StringComparison.Ordinal))
                {
                    text.Text = HtmlEntity.DeEntitize(text.Text);
                }
            }
            else if (node.NodeType == HtmlNodeType.Element)
            {
                foreach (var attribute in node.Attributes)
                {
                    if (attribute.Value?.Contains('&', StringComparison.Ordinal) == true)
                    {
                        attribute.Value = HtmlEntity.DeEntitize(attribute.Value);
                    }
                }
            }
        }
    }

    public static HtmlXPathResult Evaluate(string html, string expression, int maxMatches = 50, XPathBudget? budget = null) => Evaluate(Parse(html), expression, maxMatches, budget);

    /// <summary>
    /// Evaluates <paramref name="expression"/> within <paramref name="budget"/> (<see cref="XPathBudget.DefaultMaxMoves"/>
    /// when null); a malformed expression, or one that needs more work than the budget, is an <see cref="InvalidInputException"/> naming it.
    /// </summary>
    public static HtmlXPathResult Evaluate(HtmlDocument document, string expression, int maxMatches = 50, XPathBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var spending = budget ?? new XPathBudget();
        try
        {
            object value = new BudgetedNavigator(document.CreateNavigator(), spending).Evaluate(expression);
            if (value is XPathNodeIterator nodes)
            {
                var matches = new List<HtmlXPathMatch>();
                int total = 0;
                while (nodes.MoveNext())
                {
                    total++;
                    if (matches.Count < maxMatches && nodes.Current is { } node)
                    {
                        matches.Add(Describe(node));
                    }
                }

                return new HtmlXPathResult(expression, matches, total, null);
            }

            return new HtmlXPathResult(expression, [], 0, Scalar(value));
        }
        catch (XPathException e)
        {
            throw new InvalidInputException($"'{expression}' is not a valid XPath 1.0 expression: {e.Message}");
        }
        catch (XPathBudgetExceededException e)
        {
            throw new InvalidInputException(
                $"'{expression}' was stopped: {e.Message} An agent's selector never needs this much; nested '//' inside predicates multiply the work by the page's size. Use a direct path.");
        }
    }

    private static string Scalar(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// Evaluates <paramref name="expression"/> with <paramref name="context"/> as the context node (relative paths start
    /// there, absolute ones at its document), as lxml's <c>element.xpath()</c> does; the same evaluator as <see cref="Evaluate(HtmlDocument, string, int, XPathBudget?)"/>.
    /// </summary>
    public static XPathValue EvaluateAt(XPathNavigator context, string expression)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            return XPathValue.Of(context.Clone().Evaluate(expression));
        }
        catch (XPathException e)
        {
            throw new InvalidInputException($"'{expression}' is not a valid XPath 1.0 expression: {e.Message}");
        }
    }

    private static HtmlXPathMatch Describe(XPathNavigator node)
    {
        string text = node.Value.Trim();
        return node.NodeType switch
        {
            XPathNodeType.Element => new HtmlXPathMatch("element", text, StartTag(node)),
            XPathNodeType.Attribute => new HtmlXPathMatch("attribute", text, null),
            _ => new HtmlXPathMatch("text", text, null),
        };
    }

    private static string StartTag(XPathNavigator node)
    {
        var attributes = new List<string>();
        var copy = node.Clone();
        if (copy.MoveToFirstAttribute())
        {
            do
            {
                attributes.Add($"{copy.Name}=\"{copy.Value}\"");
            }
            while (copy.MoveToNextAttribute());
        }

        return attributes.Count == 0 ? $"<{node.Name}>" : $"<{node.Name} {string.Join(' ', attributes)}>";
    }
}
