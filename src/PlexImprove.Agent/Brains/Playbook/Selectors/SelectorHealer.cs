using System.Net;
using System.Text.RegularExpressions;
using System.Xml.XPath;
using HtmlAgilityPack;
using PlexImprove.Core.Html;

namespace PlexImprove.Agent.Brains.Playbook.Selectors;

/// <summary>
/// Replays a function's <c>.xpath()</c> calls on the page a site serves now and, for each that matches nothing,
/// finds the elements holding what the agent looks for — the searched title in a result list, or a field labelled
/// like the old selector's words (class, id, itemprop, a label's text) — then proposes the union
/// <c>old | new</c>, kept only when it matches on the page.
/// </summary>
public sealed partial class SelectorHealer
{
    private readonly HtmlDocument _document;
    private readonly string? _searched;
    private readonly Dictionary<string, List<HtmlNode>> _bindings = new(StringComparer.Ordinal);

    public SelectorHealer(string html, string? searchedTitle)
    {
        _document = HtmlXPath.Parse(html);
        _searched = string.IsNullOrWhiteSpace(searchedTitle) ? null : searchedTitle;
    }

    /// <summary>Selectors healed so far.</summary>
    public List<HealedSelector> Healed { get; } = [];

    /// <summary>Selectors that match nothing and could not be healed, with the reason.</summary>
    public List<(XPathCall Call, string Reason)> Unhealed { get; } = [];

    /// <summary>The link of the result whose text is the searched title, once found (to follow to the detail page).</summary>
    public string? ResultLink { get; private set; }

    /// <summary>Replays lines <paramref name="firstLine"/>..<paramref name="lastLine"/> of <paramref name="file"/>.</summary>
    public void Replay(AgentCodeFile file, int firstLine, int lastLine)
    {
        var items = XPathCall.Scan(file, firstLine, lastLine);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is LoopBinding loop)
            {
                if (_bindings.TryGetValue(loop.Source, out var source) && source.Count > 0)
                {
                    _bindings[loop.Variable] = [source[0]];
                }

                continue;
            }

            var call = (XPathCall)items[i];
            var context = ContextOf(call);
            if (context is null)
            {
                continue;
            }

            var nodes = Select(context, call.Expression);
            if (nodes is null)
            {
                continue;
            }

            if (nodes.Count == 0)
            {
                var role = RoleOf(call, items.Skip(i + 1));
                var replacement = role switch
                {
                    "container" => HealContainer(call, [.. items.Skip(i + 1).OfType<XPathCall>().Where(c => c.Receiver == call.Target && !c.IsAbsolute)]),
                    "item" => HealItem(call, context),
                    _ => HealField(call, context),
                };
                if (replacement is null)
                {
                    Unhealed.Add((call, $"nothing on the page holds what '{call.Expression}' looked for ({role})"));
                    continue;
                }

                var union = call.Expression + " | " + replacement;
                nodes = Select(context, union);
                if (nodes is null || nodes.Count == 0)
                {
                    Unhealed.Add((call, $"the union '{union}' matches nothing on the page"));
                    continue;
                }

                Healed.Add(new HealedSelector(call, union, role, nodes.Count, Text(nodes[0])));
            }

            if (call.Target is not null)
            {
                _bindings[call.Target] = call.TakesFirst ? [nodes[0]] : nodes;
            }

            if (ResultLink is null && _searched is not null)
            {
                ResultLink = nodes.Where(n => n.Name == "a" && Matches(n)).Select(n => n.GetAttributeValue("href", "")).FirstOrDefault(h => h.Length > 0);
            }
        }
    }

    private HtmlNode? ContextOf(XPathCall call) =>
        call.IsAbsolute ? _document.DocumentNode : _bindings.TryGetValue(call.Receiver, out var bound) && bound.Count > 0 ? bound[0] : null;

    private static string RoleOf(XPathCall call, IEnumerable<object> later)
    {
        var rest = later.ToList();
        if (call.Target is not null && call.TakesFirst && rest.OfType<XPathCall>().Any(c => c.Receiver == call.Target))
        {
            return "container";
        }

        if (LastStepIsLink().IsMatch(call.Expression) || (call.Target is not null && rest.OfType<LoopBinding>().Any(l => l.Source == call.Target)))
        {
            return "item";
        }

        return "field";
    }

    /// <summary>The searched title's link, as a path from its nearest element with a class or id.</summary>
    private (HtmlNode Anchor, HtmlNode Holder, string Path)? TitleLink(HtmlNode scope)
    {
        if (_searched is null)
        {
            return null;
        }

        var anchor = scope.Descendants().Where(n => n.NodeType == HtmlNodeType.Element && Matches(n))
            .OrderBy(n => n.Name == "a" ? 0 : 1).ThenBy(n => n.Descendants().Count()).FirstOrDefault();
        if (anchor is null)
        {
            return null;
        }

        var holder = anchor;
        var steps = new List<string>();
        while (holder.ParentNode is { } parent && Identified(holder) is null && parent.NodeType == HtmlNodeType.Element && parent.Name != "body")
        {
            steps.Insert(0, holder.Name);
            holder = parent;
        }

        steps.Insert(0, Identified(holder) ?? holder.Name);
        return (anchor, holder, string.Join("/", steps));
    }

    private string? HealItem(XPathCall call, HtmlNode context)
    {
        var link = TitleLink(context);
        if (link is null)
        {
            return HealField(call, context);
        }

        return (call.IsAbsolute ? "//" : ".//") + link.Value.Path;
    }

    /// <summary>
    /// The container the code takes <c>[0]</c> of: candidates from the searched title's link, then from the old
    /// selector's words, each kept only when the whole chain holds on it — every relative <c>.xpath('./…')</c> the code
    /// runs on the container next finds something under its first node (as is, or through the title's link).
    /// </summary>
    private string? HealContainer(XPathCall call, IReadOnlyList<XPathCall> downstream) =>
        ContainerCandidates(call).FirstOrDefault(candidate => ChainHolds(call, candidate, downstream));

    private IEnumerable<string> ContainerCandidates(XPathCall call)
    {
        if (LinkContainer() is { } fromLink)
        {
            yield return fromLink;
        }

        foreach (var candidate in FieldCandidates(call))
        {
            yield return candidate;
        }
    }

    private bool ChainHolds(XPathCall call, string candidate, IReadOnlyList<XPathCall> downstream)
    {
        if (Select(_document.DocumentNode, call.Expression + " | " + candidate) is not { Count: > 0 } nodes)
        {
            return false;
        }

        var first = nodes[0];
        return downstream.All(next => Select(first, next.Expression) is { Count: > 0 } || (TitleLink(first) is { } link && Select(first, ".//" + link.Path) is { Count: > 0 }));
    }

    private string? LinkContainer()
    {
        var link = TitleLink(_document.DocumentNode);
        if (link is null)
        {
            return null;
        }

        var itemPath = "//" + link.Value.Path;
        int all = Select(_document.DocumentNode, itemPath)?.Count ?? 0;
        HtmlNode? best = null;
        for (var node = link.Value.Holder.ParentNode; node is not null && node.NodeType == HtmlNodeType.Element && node.Name is not "body" and not "html"; node = node.ParentNode)
        {
            if (Identified(node) is null || (Select(node, "." + itemPath)?.Count ?? 0) < all)
            {
                continue;
            }

            if (node.Name is "main" or "ul" or "ol" or "table" or "tbody" or "section"
                || ListWords().IsMatch(node.GetAttributeValue("class", "") + " " + node.GetAttributeValue("id", "")))
            {
                best = node;
                break;
            }

            // Without a list-like ancestor, the highest one holding every result.
            best = node;
        }

        return best is null ? null : "//" + Identified(best);
    }

    /// <summary>Finds a field by the words of the old selector: class/id/itemprop tokens first, then a label's text.</summary>
    private string? HealField(XPathCall call, HtmlNode context) => FieldCandidates(call).FirstOrDefault();

    /// <summary>Every selector, best first, for an element named like the old selector's words that matches on the page.</summary>
    private IEnumerable<string> FieldCandidates(XPathCall call)
    {
        var steps = Steps(call.Expression);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int s = steps.Count - 1; s >= 0; s--)
        {
            foreach (Match word in Word().Matches(steps[s]))
            {
                var value = word.Groups["value"].Value;
                var tail = s + 1 < steps.Count ? "/" + string.Join("/", steps.Skip(s + 1)) : "";
                foreach (var token in Tokens(value).OrderByDescending(t => t.Length))
                {
                    foreach (var candidate in Candidates(token))
                    {
                        var expression = candidate + tail;
                        if (seen.Add(expression) && Select(_document.DocumentNode, expression) is { Count: > 0 })
                        {
                            yield return expression;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Selectors for elements named by <paramref name="word"/>: exact class/id/itemprop, then a class token, then a label.</summary>
    private IEnumerable<string> Candidates(string word)
    {
        var elements = _document.DocumentNode.Descendants().Where(n => n.NodeType == HtmlNodeType.Element).ToList();
        foreach (var attribute in new[] { "class", "id", "itemprop" })
        {
            foreach (var node in elements.Where(n => string.Equals(n.GetAttributeValue(attribute, "").Trim(), word, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"//{node.Name}[@{attribute}=\"{node.GetAttributeValue(attribute, "").Trim()}\"]";
            }
        }

        foreach (var attribute in new[] { "class", "id", "itemprop" })
        {
            foreach (var node in elements.Where(n => Tokens(n.GetAttributeValue(attribute, "")).Contains(word, StringComparer.OrdinalIgnoreCase)))
            {
                yield return $"//{node.Name}[@{attribute}=\"{node.GetAttributeValue(attribute, "").Trim()}\"]";
            }
        }

        foreach (var label in elements.Where(n => n.Name is "dt" or "th" or "label" or "span" or "strong" or "b" or "td"
            && string.Equals(WebUtility.HtmlDecode(n.InnerText).Trim().TrimEnd(':').Trim(), word, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"//{label.Name}[normalize-space()=\"{WebUtility.HtmlDecode(label.InnerText).Trim()}\"]/following-sibling::*[1]";
        }
    }

    private bool Matches(HtmlNode node) =>
        _searched is not null && TitleTypography.Normalise(WebUtility.HtmlDecode(node.InnerText)) == TitleTypography.Normalise(_searched);

    /// <summary><c>tag[@class="x"]</c> or <c>tag[@id="x"]</c> for an element with a class or id; null otherwise.</summary>
    private static string? Identified(HtmlNode node)
    {
        var id = node.GetAttributeValue("id", "").Trim();
        var cls = node.GetAttributeValue("class", "").Trim();
        return cls.Length > 0 && !cls.Contains('"', StringComparison.Ordinal) ? $"{node.Name}[@class=\"{cls}\"]"
            : id.Length > 0 && !id.Contains('"', StringComparison.Ordinal) ? $"{node.Name}[@id=\"{id}\"]"
            : null;
    }

    /// <summary>Evaluates an expression on a context node; null when it is not valid XPath 1.0.</summary>
    internal static List<HtmlNode>? Select(HtmlNode context, string expression)
    {
        try
        {
            if (context.CreateNavigator().Evaluate(expression) is not XPathNodeIterator iterator)
            {
                return [];
            }

            var nodes = new List<HtmlNode>();
            while (iterator.MoveNext())
            {
                if (iterator.Current is HtmlNodeNavigator navigator)
                {
                    nodes.Add(navigator.CurrentNode);
                }
            }

            return nodes;
        }
        catch (XPathException)
        {
            return null;
        }
    }

    private static string Text(HtmlNode node)
    {
        var text = WebUtility.HtmlDecode(node.InnerText).Trim();
        return text.Length > 80 ? text[..80] + "…" : text;
    }

    /// <summary>The steps of a location path, split on '/' outside brackets and quotes (empty steps of '//' dropped).</summary>
    internal static List<string> Steps(string expression)
    {
        var steps = new List<string>();
        int depth = 0;
        char quote = '\0';
        int start = 0;
        for (int i = 0; i < expression.Length; i++)
        {
            char c = expression[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (c == '/' && depth == 0)
            {
                steps.Add(expression[start..i]);
                start = i + 1;
            }
        }

        steps.Add(expression[start..]);
        return [.. steps.Where(s => s.Length > 0 && s != ".")];
    }

    private static IEnumerable<string> Tokens(string value) =>
        value.Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(t => t.Length > 2).Append(value.Trim()).Distinct(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"@(?:class|id|itemprop)\s*,?\s*=?\s*['""](?<value>[^'""]+)['""]")]
    private static partial Regex Word();

    [GeneratedRegex(@"(^|/)a(\[[^\]]*\])?$")]
    private static partial Regex LastStepIsLink();

    [GeneratedRegex(@"results?|list|search|catalog|products", RegexOptions.IgnoreCase)]
    private static partial Regex ListWords();
}
