namespace PlexImprove.Core.Html;

/// <summary>An XPath evaluation needed more navigator moves than its <see cref="XPathBudget"/> allows; it was stopped.</summary>
public sealed class XPathBudgetExceededException : Exception
{
    public XPathBudgetExceededException(long maxMoves)
        : base($"The evaluation needed more than {maxMoves} steps over the page and was stopped.")
    {
    }
}
