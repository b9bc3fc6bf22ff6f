using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using HtmlAgilityPack;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Sites;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Html;

namespace PlexImprove.Agent.Tools;

/// <summary>The agents' sites as tools: what a page answers today, and whether an XPath finds what the agent looks for.</summary>
internal sealed class SiteTools
{
    private readonly ToolRuntime _runtime;

    public SiteTools(ToolRuntime runtime) => _runtime = runtime;

    [KernelFunction(ToolNames.FetchPage)]
    [Description("GETs a page of a site an agent uses (a host its code names; other hosts are refused), with the agent's own headers (read from its code) or the headers given, through retries and timeouts. Returns the HTTP status, the response headers and the page (HTML, or its visible text), trimmed and saying when truncated; a timeout or connection failure is reported in words.")]
    public Task<string> FetchPageAsync(
        [Description("The absolute http(s) URL, as the agent requests it (see 'Requesting' lines in its log).")] string url,
        [Description("Request headers as a JSON object {\"User-Agent\": \"...\"} or 'Name: value' lines; added to (and overriding) the agent's headers.")] string? headers = null,
        [Description("The agent's bundle (AEBN or AEBN.bundle): send the headers its code sends with every request (the Framework's User-Agent unless it sets HTTP.Headers). Empty: only the given headers.")] string? agent = null,
        [Description("Return the page's visible text instead of its HTML.")] bool textOnly = false,
        CancellationToken cancellationToken = default) =>
        ToolOutput.RunAsync(_runtime.Environment, async () =>
        {
            var target = ParseUrl(url);
            _runtime.RequireAgentSite(target);
            var (sent, perCall) = Headers(headers, agent);
            var page = await _runtime.Pages.FetchAsync(new PageRequest { Url = target, Headers = sent, MayFollow = _runtime.IsAgentSite }, cancellationToken).ConfigureAwait(false);
            var body = textOnly && page.Body.Length > 0 ? VisibleText(page.Body) : page.Body;
            var max = _runtime.Limits.MaxPageChars;
            var cut = body.Length > max;
            return ToolOutput.Json(new
            {
                Url = page.Url.ToString(),
                page.Status,
                page.Error,
                ElapsedMs = (long)page.Elapsed.TotalMilliseconds,
                HeadersSent = sent,
                OtherHeaderSetsInAgentCode = perCall.Count == 0 ? null : perCall,
                page.Headers,
                Truncated = cut || page.Truncated,
                TruncationNote = cut || page.Truncated
                    ? string.Create(CultureInfo.InvariantCulture, $"truncated: {Math.Min(body.Length, max)} of {body.Length}{(page.Truncated ? "+" : "")} characters shown; use test_xpath on this URL to look at the rest")
                    : null,
                Body = cut ? body[..max] : body,
            });
        }, cancellationToken);

    [KernelFunction(ToolNames.TestXPath)]
    [Description("Evaluates an XPath 1.0 expression the way an agent's lxml would, on a page (the one fetch_page last fetched for that URL, else fetched now) or on HTML given, and returns how many nodes match and each match's text and start tag. Use it to check a selector before proposing it.")]
    public Task<string> TestXPathAsync(
        [Description("The XPath 1.0 expression, for example //div[@class=\"dts-collection-item\"]//a/@href.")] string xpath,
        [Description("The page's URL (uses the copy fetch_page fetched, when recent). Give this or 'html'.")] string? url = null,
        [Description("The HTML to evaluate on, instead of a URL.")] string? html = null,
        [Description("When fetching: the agent's bundle whose headers to send (see fetch_page).")] string? agent = null,
        [Description("At most this many matches shown (default 20).")] int max = 20,
        CancellationToken cancellationToken = default) =>
        ToolOutput.RunAsync(_runtime.Environment, async () =>
        {
            if (string.IsNullOrWhiteSpace(xpath))
            {
                throw new InvalidInputException("Give the XPath expression to test.");
            }

            string source;
            string on;
            if (!string.IsNullOrEmpty(html))
            {
                if (!string.IsNullOrWhiteSpace(url))
                {
                    throw new InvalidInputException("Give either 'url' or 'html', not both.");
                }

                if (html.Length > _runtime.Limits.MaxHtmlInputChars)
                {
                    throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                        $"The HTML given has {html.Length} characters, more than the {_runtime.Limits.MaxHtmlInputChars} test_xpath takes; give the part that holds the element, or the page's 'url'."));
                }

                source = html;
                on = "the HTML given";
            }
            else if (!string.IsNullOrWhiteSpace(url))
            {
                var target = ParseUrl(url);
                _runtime.RequireAgentSite(target);
                var page = _runtime.Pages.Find(target);
                on = page is null ? target + " (fetched now)" : target + " (as fetch_page fetched it)";
                if (page is null)
                {
                    var (sent, _) = Headers(null, agent);
                    page = await _runtime.Pages.FetchAsync(new PageRequest { Url = target, Headers = sent, MayFollow = _runtime.IsAgentSite }, cancellationToken).ConfigureAwait(false);
                }

                if (page.Error is not null)
                {
                    throw new InvalidInputException($"The page could not be fetched: {page.Error}");
                }

                if (page.Status is < 200 or >= 300)
                {
                    on += string.Create(CultureInfo.InvariantCulture, $" [HTTP {page.Status}: this is the error page, not the content]");
                }

                source = page.Body;
            }
            else
            {
                throw new InvalidInputException("Give 'url' (a page to fetch) or 'html' (the markup to test on).");
            }

            // Bounded in steps and stopped by cancellation: evaluation otherwise cannot be interrupted.
            var result = HtmlXPath.Evaluate(source, xpath, LogTools.Clamp(max, _runtime.Limits.MaxItems), new XPathBudget(cancellationToken: cancellationToken));
            return ToolOutput.Json(new
            {
                Expression = result.Expression,
                On = on,
                Matches = result.Scalar is null ? result.Total : (int?)null,
                result.Scalar,
                Shown = result.Matches.Select(m => new { m.Kind, Text = LogTools.Shorten(m.Text, 300), m.StartTag }).ToList(),
                Note = result.Scalar is null && result.Total == 0 ? "No node matches: the agent's code would get an empty list here (IndexError on [0])." : null,
            });
        }, cancellationToken);

    private (Dictionary<string, string> Sent, IReadOnlyList<IReadOnlyDictionary<string, string>> PerCall) Headers(string? given, string? agent)
    {
        var sent = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<IReadOnlyDictionary<string, string>> perCall = [];
        if (!string.IsNullOrWhiteSpace(agent))
        {
            var found = AgentHeaderFinder.Find(_runtime.Plugins(), agent);
            foreach (var (name, value) in found.Always)
            {
                sent[name] = value;
            }

            perCall = found.PerCall;
        }

        foreach (var (name, value) in ParseHeaders(given))
        {
            sent[name] = value;
        }

        return (sent, perCall);
    }

    /// <summary>A JSON object of strings, or <c>Name: value</c> lines.</summary>
    internal static IReadOnlyDictionary<string, string> ParseHeaders(string? text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(text))
        {
            return headers;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                foreach (var property in JsonDocument.Parse(trimmed).RootElement.EnumerateObject())
                {
                    headers[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText();
                }

                return headers;
            }
            catch (JsonException e)
            {
                throw new InvalidInputException($"The headers are not a valid JSON object: {e.Message}");
            }
        }

        foreach (var line in trimmed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidInputException($"'{line}' is not a header: write 'Name: value' per line, or a JSON object.");
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return headers;
    }

    private static Uri ParseUrl(string url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? parsed
            : throw new InvalidInputException($"'{url}' is not an absolute http(s) URL.");

    private static string VisibleText(string html)
    {
        var document = HtmlXPath.Parse(html);
        foreach (var node in document.DocumentNode.SelectNodes("//script|//style")?.ToList() ?? [])
        {
            node.Remove();
        }

        var lines = HtmlEntity.DeEntitize(document.DocumentNode.InnerText)
            .Split('\n')
            .Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }
}
