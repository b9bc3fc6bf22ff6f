using System.Xml;
using System.Xml.XPath;

namespace PlexImprove.Core.Html;

/// <summary>
/// A navigator that spends its <see cref="XPathBudget"/> on every move and otherwise answers exactly as the one it
/// wraps, so an expression gives the same result with or without it. Clones share the budget.
/// </summary>
internal sealed class BudgetedNavigator : XPathNavigator
{
    private readonly XPathNavigator _inner;
    private readonly XPathBudget _budget;

    public BudgetedNavigator(XPathNavigator inner, XPathBudget budget)
    {
        _inner = inner;
        _budget = budget;
    }

    public override XmlNameTable NameTable => _inner.NameTable;
    public override XPathNodeType NodeType => _inner.NodeType;
    public override string LocalName => _inner.LocalName;
    public override string Name => _inner.Name;
    public override string NamespaceURI => _inner.NamespaceURI;
    public override string Prefix => _inner.Prefix;
    public override string BaseURI => _inner.BaseURI;
    public override bool IsEmptyElement => _inner.IsEmptyElement;
    public override string Value => _inner.Value;
    public override object? UnderlyingObject => _inner.UnderlyingObject;

    public override XPathNavigator Clone() => new BudgetedNavigator(_inner.Clone(), _budget);

    public override bool IsSamePosition(XPathNavigator other) => _inner.IsSamePosition(Unwrap(other));

    public override bool MoveTo(XPathNavigator other) => _inner.MoveTo(Unwrap(other));

    public override bool MoveToFirstAttribute() => Spent(_inner.MoveToFirstAttribute());

    public override bool MoveToNextAttribute() => Spent(_inner.MoveToNextAttribute());

    public override bool MoveToFirstNamespace(XPathNamespaceScope namespaceScope) => Spent(_inner.MoveToFirstNamespace(namespaceScope));

    public override bool MoveToNextNamespace(XPathNamespaceScope namespaceScope) => Spent(_inner.MoveToNextNamespace(namespaceScope));

    public override bool MoveToNext() => Spent(_inner.MoveToNext());

    public override bool MoveToPrevious() => Spent(_inner.MoveToPrevious());

    public override bool MoveToFirstChild() => Spent(_inner.MoveToFirstChild());

    public override bool MoveToParent() => Spent(_inner.MoveToParent());

    public override void MoveToRoot()
    {
        _budget.Spend();
        _inner.MoveToRoot();
    }

    public override bool MoveToId(string id) => Spent(_inner.MoveToId(id));

    private static XPathNavigator Unwrap(XPathNavigator other) => other is BudgetedNavigator budgeted ? budgeted._inner : other;

    private bool Spent(bool moved)
    {
        _budget.Spend();
        return moved;
    }
}
