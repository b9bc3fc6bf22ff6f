namespace PlexImprove.Core.Html;

/// <summary>One node an XPath matched: its kind (<c>element</c>, <c>text</c>, <c>attribute</c>), its text content and, for elements, its start tag.</summary>
public sealed record HtmlXPathMatch(string Kind, string Text, string? StartTag);
