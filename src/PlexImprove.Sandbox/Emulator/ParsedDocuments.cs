using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;
using System.Xml.XPath;
using HtmlAgilityPack;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Html;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>
/// The pages agent code parsed with <c>HTML.ElementFromString/URL</c> or <c>XML.ElementFromString/URL</c>, kept on the host
/// (the least recently used beyond <see cref="Capacity"/> are dropped) so that every <c>xpath()</c> call in the box is
/// evaluated by <see cref="HtmlXPath"/>, the evaluator <c>test_xpath</c> uses. Elements are numbered in document order.
/// </summary>
public sealed class ParsedDocuments
{
    private readonly Lock _gate = new();
    private readonly LinkedList<ParsedDocument> _order = new();
    private readonly Dictionary<long, LinkedListNode<ParsedDocument>> _byId = [];
    private long _nextId;

    public ParsedDocuments(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>Parses an HTML page leniently (as <see cref="HtmlXPath.Parse"/>) and keeps it; answers its id and element tree.</summary>
    public ParsedTree ParseHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var root = HtmlXPath.Parse(html).CreateNavigator();
        return Keep(root);
    }

    /// <summary>Parses an XML document (its own encoding declaration honoured, no DTD or external entity fetched) and keeps it.</summary>
    public ParsedTree ParseXml(Stream xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            document.Load(reader);
        }
        catch (XmlException e)
        {
            throw new InvalidInputException($"XMLSyntaxError: {e.Message}");
        }

        return Keep(document.CreateNavigator()!);
    }

    /// <summary>Evaluates <paramref name="expression"/> at element <paramref name="node"/> of document <paramref name="document"/>.</summary>
    /// <exception cref="KeyNotFoundException">The document is unknown or was dropped; the caller parses it again.</exception>
    public XPathAnswer Evaluate(long document, int node, string expression)
    {
        ParsedDocument parsed;
        lock (_gate)
        {
            if (!_byId.TryGetValue(document, out var entry))
            {
                throw new KeyNotFoundException($"document {document} is not kept (any more)");
            }

            _order.Remove(entry);
            _order.AddFirst(entry);
            parsed = entry.Value;
        }

        if (node < 0 || node >= parsed.Elements.Count)
        {
            throw new InvalidInputException($"document {document} has no element {node}");
        }

        var value = HtmlXPath.EvaluateAt(parsed.Elements[node], expression);
        if (value.Nodes is null)
        {
            return new XPathAnswer(null, value.Text, value.Number, value.Boolean);
        }

        var items = new List<XPathItem>(value.Nodes.Count);
        foreach (var result in value.Nodes)
        {
            if (result.NodeType == XPathNodeType.Element && parsed.Ids.TryGetValue(Identity(result), out var id))
            {
                items.Add(new XPathItem(id, null, null, null));
                continue;
            }

            // On an attribute, HtmlNodeNavigator's current node already is the owner element (its MoveToParent skips it).
            var parent = result.Clone();
            bool owner = (result is HtmlNodeNavigator && result.NodeType == XPathNodeType.Attribute) || parent.MoveToParent();
            int? parentId = owner && parsed.Ids.TryGetValue(Identity(parent), out var p) ? p : null;
            var attribute = result.NodeType == XPathNodeType.Attribute ? result.LocalName : null;
            items.Add(new XPathItem(null, result.Value, attribute, parentId));
        }

        return new XPathAnswer(items, null, null, null);
    }

    private ParsedTree Keep(XPathNavigator document)
    {
        var elements = new List<XPathNavigator>();
        var ids = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        var top = document.Clone();
        top.MoveToRoot();
        ElementNode? root = null;
        if (top.MoveToFirstChild())
        {
            do
            {
                if (top.NodeType == XPathNodeType.Element)
                {
                    root = Build(top, elements, ids);
                    break;
                }
            }
            while (top.MoveToNext());
        }

        if (root is null)
        {
            throw new InvalidInputException("ParserError: Document is empty");
        }

        var parsed = new ParsedDocument(Interlocked.Increment(ref _nextId), elements, ids);
        lock (_gate)
        {
            _byId[parsed.Id] = _order.AddFirst(parsed);
            while (_byId.Count > Capacity && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _byId.Remove(oldest.Value.Id);
            }
        }

        return new ParsedTree(parsed.Id, root);
    }

    private static ElementNode Build(XPathNavigator element, List<XPathNavigator> elements, Dictionary<object, int> ids)
    {
        int id = elements.Count;
        elements.Add(element.Clone());
        ids[Identity(element)] = id;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var cursor = element.Clone();
        if (cursor.MoveToFirstAttribute())
        {
            do
            {
                attributes[Tag(cursor)] = cursor.Value;
            }
            while (cursor.MoveToNextAttribute());
        }

        var node = new ElementNode(id, Tag(element), attributes);
        cursor = element.Clone();
        if (cursor.MoveToFirstChild())
        {
            do
            {
                switch (cursor.NodeType)
                {
                    case XPathNodeType.Element:
                        node.Children.Add(Build(cursor, elements, ids));
                        break;
                    case XPathNodeType.Text or XPathNodeType.Whitespace or XPathNodeType.SignificantWhitespace:
                        var text = cursor.Value;
                        if (node.Children.Count == 0)
                        {
                            node.Text = (node.Text ?? "") + text;
                        }
                        else
                        {
                            var last = node.Children[^1];
                            last.Tail = (last.Tail ?? "") + text;
                        }

                        break;
                    default:
                        break; // comments and processing instructions are not elements agents read
                }
            }
            while (cursor.MoveToNext());
        }

        return node;
    }

    // HtmlNodeNavigator.Name is the element's name even on an attribute; LocalName is right for both.
    private static string Tag(XPathNavigator node) => node switch
    {
        HtmlNodeNavigator => node.LocalName,
        _ when node.NamespaceURI.Length == 0 => node.Name,
        _ => "{" + node.NamespaceURI + "}" + node.LocalName,
    };

    private static object Identity(XPathNavigator node) => node switch
    {
        HtmlNodeNavigator html => html.CurrentNode,
        IHasXmlNode xml => xml.GetNode(),
        _ => node.UnderlyingObject ?? node,
    };

    private sealed record ParsedDocument(long Id, List<XPathNavigator> Elements, Dictionary<object, int> Ids);
}

/// <summary>A kept document's id and its element tree (lxml's shape: text before the first child, tail after each).</summary>
public sealed record ParsedTree([property: JsonPropertyName("doc")] long Document, [property: JsonPropertyName("root")] ElementNode Root);

/// <summary>One element: its number in document order, tag, attributes, text, tail and child elements.</summary>
public sealed class ElementNode(int id, string tag, Dictionary<string, string> attributes)
{
    [JsonPropertyName("id")]
    public int Id { get; } = id;

    [JsonPropertyName("tag")]
    public string Tag { get; } = tag;

    [JsonPropertyName("attrib")]
    public Dictionary<string, string> Attributes { get; } = attributes;

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("tail")]
    public string? Tail { get; set; }

    [JsonPropertyName("children")]
    public List<ElementNode> Children { get; } = [];
}

/// <summary>An XPath answer: a node set (<see cref="Items"/>) or a string, number or boolean.</summary>
public sealed record XPathAnswer(
    [property: JsonPropertyName("nodes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<XPathItem>? Items,
    [property: JsonPropertyName("string"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text,
    [property: JsonPropertyName("number"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Number,
    [property: JsonPropertyName("boolean"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Boolean);

/// <summary>A node of a node-set answer: an element (<see cref="Element"/>) or a text/attribute string with its parent element.</summary>
public sealed record XPathItem(
    [property: JsonPropertyName("n"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Element,
    [property: JsonPropertyName("s"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text,
    [property: JsonPropertyName("a"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Attribute,
    [property: JsonPropertyName("p"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Parent);
