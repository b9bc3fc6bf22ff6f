using System.Xml.XPath;

namespace PlexImprove.Core.Html;

/// <summary>What an XPath 1.0 expression evaluates to, unabridged: a node set in document order, or one scalar.</summary>
public sealed record XPathValue(IReadOnlyList<XPathNavigator>? Nodes, string? Text, double? Number, bool? Boolean)
{
    public static XPathValue Of(object value) => value switch
    {
        XPathNodeIterator iterator => new XPathValue(Collect(iterator), null, null, null),
        double d => new XPathValue(null, null, d, null),
        bool b => new XPathValue(null, null, null, b),
        _ => new XPathValue(null, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", null, null),
    };

    private static List<XPathNavigator> Collect(XPathNodeIterator iterator)
    {
        var nodes = new List<XPathNavigator>();
        while (iterator.MoveNext())
        {
            if (iterator.Current is { } current)
            {
                nodes.Add(current.Clone());
            }
        }

        return nodes;
    }
}
