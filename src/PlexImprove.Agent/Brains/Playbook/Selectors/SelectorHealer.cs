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
/// <c>old | new</c>, kept only when it matches on the page. Candidates are judged on the chain the code runs after
/// the call: a container must hold what the code's next relative xpath looks for; a result the code loops over
/// (<c>for row in ….xpath(…)</c>, or a list bound to a loop) is the element around the title's link under which
/// every call on the loop variable finds something (the link, its heading, the card); a field named by a label
/// (<c>th[text()="Studio"]/following-sibling::td</c>, <c>span[… and text()="Studio:"]</c>) is found by its label
/// wherever it moved (<c>th</c>/<c>td</c>, <c>dt</c>/<c>dd</c>, label and value spans), with or without its colon,
/// in any case; and for a relative call the new selector is relative too, so each result reads its own field.
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
                    _bindings[loop.Variable] = [HoldingTheTitle(source)];
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
                    "item" => HealItem(call, context, Downstream(call, items.Skip(i + 1))),
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
                _bindings[call.Target] = call.TakesFirst ? [nodes[0]] : call.Loops ? [HoldingTheTitle(nodes)] : nodes;
            }

            if (ResultLink is null && _searched is not null)
            {
                ResultLink = nodes.Where(n => n.Name == "a" && Matches(n)).Select(n => n.GetAttributeValue("href", "")).FirstOrDefault(h => h.Length > 0);
            }
        }

        // The code may reach the link through calls that are not xpath (row[0], .get('href')): the searched title's link
        // on the page is the one it follows once it recognises the title.
        if (ResultLink is null && Healed.Count > 0 && TitleLink(_document.DocumentNode) is { Anchor.Name: "a" } link && link.Anchor.GetAttributeValue("href", "") is { Length: > 0 } href)
        {
            ResultLink = href;
        }
    }

    /// <summary>Of the nodes the code loops over, the one holding the searched title (the one the code goes on with), else the first.</summary>
    private HtmlNode HoldingTheTitle(List<HtmlNode> nodes) =>
        nodes.FirstOrDefault(n => Matches(n) || n.Descendants().Any(d => d.NodeType == HtmlNodeType.Element && Matches(d))) ?? nodes[0];

    /// <summary>The relative calls the code runs on each node an item call yields: on its loop variable, or on the variable a loop binds to it.</summary>
    private static List<XPathCall> Downstream(XPathCall call, IEnumerable<object> later)
    {
        if (call.Target is null)
        {
            return [];
        }

        var rest = later.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (call.Loops)
        {
            names.Add(call.Target);
        }

        foreach (var loop in rest.OfType<LoopBinding>().Where(l => l.Source == call.Target))
        {
            names.Add(loop.Variable);
        }

        return [.. rest.OfType<XPathCall>().Where(c => names.Contains(c.Receiver) && !c.IsAbsolute)];
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

        if (call.Loops || LastStepIsLink().IsMatch(call.Expression) || (call.Target is not null && rest.OfType<LoopBinding>().Any(l => l.Source == call.Target)))
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

    /// <summary>
    /// The repeated element the code loops over: without calls on each node, the searched title's link; with them, the
    /// nearest element around that link (the link, its heading, the card) under which every one of those calls finds
    /// something, as is or healed.
    /// </summary>
    private string? HealItem(XPathCall call, HtmlNode context, IReadOnlyList<XPathCall> downstream)
    {
        var link = TitleLink(context);
        if (link is null)
        {
            return HealField(call, context);
        }

        var prefix = call.IsAbsolute ? "//" : ".//";
        if (downstream.Count == 0)
        {
            return prefix + link.Value.Path;
        }

        foreach (var (node, path) in ItemCandidates(link.Value, context))
        {
            if (downstream.All(next => Select(node, next.Expression) is { Count: > 0 } || RelativeFieldCandidates(next, node).Any()))
            {
                return prefix + path;
            }
        }

        return null;
    }

    /// <summary>The title's link and each element around it up to <paramref name="context"/>, nearest first, with its path from there.</summary>
    private static IEnumerable<(HtmlNode Node, string Path)> ItemCandidates((HtmlNode Anchor, HtmlNode Holder, string Path) link, HtmlNode context)
    {
        yield return (link.Anchor, link.Path);
        for (var node = link.Holder; node is not null && node != context && node.NodeType == HtmlNodeType.Element && node.Name is not "body" and not "html"; node = node.ParentNode)
        {
            if (node != link.Anchor && Identified(node) is { } identified)
            {
                yield return (node, identified);
            }
        }
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
        return downstream.All(next => Select(first, next.Expression) is { Count: > 0 }
            || (TitleLink(first) is { } link && Select(first, ".//" + link.Path) is { Count: > 0 })
            || RelativeFieldCandidates(next, first).Any());
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
            if (Identified(node) is null || (Select(node, "." + itemPath)?.Count ?? 0) < all || IsRepeatedItem(node))
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

    /// <summary>
    /// Finds a field by the old selector's words: for a relative call, first under the node the code calls it on; then
    /// anywhere on the page.
    /// </summary>
    private string? HealField(XPathCall call, HtmlNode context) =>
        (call.IsAbsolute ? [] : RelativeFieldCandidates(call, context)).Concat(FieldCandidates(call)).FirstOrDefault();

    /// <summary>
    /// Selectors relative to <paramref name="node"/> for the field a relative call looks for — labelled like its label,
    /// or named like its words — each found under the node.
    /// </summary>
    private IEnumerable<string> RelativeFieldCandidates(XPathCall call, HtmlNode node) =>
        FieldCandidates(call)
            .Select(candidate => candidate.StartsWith("//", StringComparison.Ordinal) ? "." + candidate : candidate)
            .Where(candidate => candidate.StartsWith(".//", StringComparison.Ordinal) && Select(node, candidate) is { Count: > 0 });

    /// <summary>Every selector, best first, for an element named like the old selector's words that matches on the page.</summary>
    private IEnumerable<string> FieldCandidates(XPathCall call)
    {
        var steps = Steps(call.Expression);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var valueStep = ValueStep(steps);
        for (int s = steps.Count - 1; s >= 0; s--)
        {
            // A label in the step names the field; the step's class then names only the kind of label, not the field.
            var labels = Label().Matches(steps[s]).Select(m => m.Groups["label"].Value).ToList();
            foreach (var label in labels)
            {
                foreach (var candidate in LabelCandidates(label, valueStep))
                {
                    if (seen.Add(candidate))
                    {
                        yield return candidate;
                    }
                }
            }

            if (labels.Count > 0)
            {
                continue;
            }

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
                        else if (expression.EndsWith("/text()", StringComparison.Ordinal)
                            && expression[..^"/text()".Length] + AnyText is var deeper && seen.Add(deeper) && Select(_document.DocumentNode, deeper) is { Count: > 0 })
                        {
                            // The text moved one element down (a paragraph or a link inside the field).
                            yield return deeper;
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

    /// <summary>
    /// The element labelled <paramref name="label"/> on the page (a <c>th</c>, <c>dt</c>, label span… whose text is the
    /// label, with or without its colon, in any case) and the element after it, read as the old selector read its value.
    /// </summary>
    private IEnumerable<string> LabelCandidates(string label, string value)
    {
        var wanted = LabelText(label);
        if (wanted.Length == 0)
        {
            yield break;
        }

        foreach (var node in _document.DocumentNode.Descendants().Where(n => n.NodeType == HtmlNodeType.Element && n.Name is "dt" or "th" or "td" or "label" or "span" or "strong" or "b" or "em" or "div" or "li" or "p"))
        {
            var text = WebUtility.HtmlDecode(node.InnerText).Trim();
            if (text.Length > 0 && text.Length <= 60 && !text.Contains('"', StringComparison.Ordinal) && string.Equals(LabelText(text), wanted, StringComparison.OrdinalIgnoreCase)
                && node.ChildNodes.All(c => c.NodeType != HtmlNodeType.Element || c.Name is "b" or "strong" or "em" or "span"))
            {
                var expression = $"//{node.Name}[normalize-space()=\"{Spaces().Replace(text, " ")}\"]/following-sibling::*[1]{value}";
                if (Select(_document.DocumentNode, expression) is { Count: > 0 })
                {
                    yield return expression;
                }
            }
        }
    }

    /// <summary>How the old selector read its field, to read the new one the same way: text anywhere below, an attribute, or the element.</summary>
    private static string ValueStep(List<string> steps) =>
        steps.Count == 0 ? "" : steps[^1] switch
        {
            "text()" => AnyText,
            var step when step.StartsWith('@') => "/" + step,
            _ => "",
        };

    private static string LabelText(string text) => Spaces().Replace(text.Trim().TrimEnd(':').Trim(), " ");

    /// <summary>An element repeated beside itself (a card, a row, a list item): one result, not the list that holds them.</summary>
    private static bool IsRepeatedItem(HtmlNode node) =>
        node.Name is "li" or "tr" or "article"
        || (node.ParentNode is { } parent && parent.ChildNodes.Count(c => c != node && c.NodeType == HtmlNodeType.Element && c.Name == node.Name
            && string.Equals(c.GetAttributeValue("class", ""), node.GetAttributeValue("class", ""), StringComparison.Ordinal)) > 0);

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

    /// <summary>The text nodes anywhere under an element that hold more than whitespace.</summary>
    private const string AnyText = "//text()[normalize-space()]";

    [GeneratedRegex(@"(?:text\(\)|normalize-space\((?:text\(\)|\.)?\)|(?<![\w@])\.)\s*=\s*['""](?<label>[^'""]+)['""]|contains\(\s*(?:text\(\)|normalize-space\((?:text\(\)|\.)?\)|\.)\s*,\s*['""](?<label>[^'""]+)['""]\s*\)")]
    private static partial Regex Label();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(^|/)a(\[[^\]]*\])?$")]
    private static partial Regex LastStepIsLink();

    [GeneratedRegex(@"results?|list|search|catalog|products", RegexOptions.IgnoreCase)]
    private static partial Regex ListWords();
}
