using PlexImprove.Agent.Brains.Playbook;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>Which conditions the comparison rewrite wraps, and how.</summary>
public sealed class TitleComparisonRewriteTests
{
    [Theory]
    [InlineData("site_title == media.name", "comparable_title(site_title) == comparable_title(media.name)")]
    [InlineData("not title.lower().startswith(query)", "not comparable_title(title.lower()).startswith(comparable_title(query))")]
    [InlineData("media.name not in site_titles", "comparable_title(media.name) not in comparable_title(site_titles)")]
    [InlineData("site_title.lower() == media.name.lower() and year == site_year", "comparable_title(site_title.lower()) == comparable_title(media.name.lower()) and year == site_year")]
    [InlineData("clean(link.get('title', '')) != clean(media.name)", "comparable_title(clean(link.get('title', ''))) != comparable_title(clean(media.name))")]
    public void TitleComparisons_AreWrappedOnBothSides(string condition, string expected) =>
        Assert.Equal(expected, TitleComparisonRewrite.WrapClauses(condition));

    [Theory]
    [InlineData("year == site_year")]
    [InlineData("'name' in item")]
    [InlineData("media.name == None")]
    [InlineData("title")]
    [InlineData("comparable_title(site_title) == comparable_title(media.name)")]
    public void OtherConditions_AreLeftAsWritten(string condition) =>
        Assert.Null(TitleComparisonRewrite.WrapClauses(condition));
}
