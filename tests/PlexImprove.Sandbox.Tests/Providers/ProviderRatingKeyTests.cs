using PlexImprove.Sandbox.Providers;

namespace PlexImprove.Sandbox.Tests.Providers;

public sealed class ProviderRatingKeyTests
{
    [Theory]
    [InlineData("12345", null, null, "i12345")]
    [InlineData("film/1 café", null, null, "x66696c6d2f3120636166c3a9")]
    [InlineData("show_7", 2, null, "x73686f775f37_s2")]
    [InlineData("abc", 0, 12, "iabc_s0_e12")]
    public void Encode_StaysWithinThePlexAlphabet_AndReadsBackToTheSameIdSeasonAndEpisode(string id, int? season, int? episode, string expected)
    {
        var key = new ProviderRatingKey(id, season, episode);

        var text = key.Encode();

        Assert.Equal(expected, text);
        Assert.Matches("^[a-zA-Z0-9_-]+$", text);
        Assert.True(ProviderRatingKey.TryParse(text, out var read));
        Assert.Equal(key, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("i")]
    [InlineData("x616")]
    [InlineData("x4142")]
    [InlineData("xff")]
    [InlineData("iabc_e1")]
    [InlineData("iabc_s1_e2_e3")]
    [InlineData("iabc_s01")]
    [InlineData("iabc_s-1")]
    [InlineData("ia-b")]
    [InlineData("q123")]
    public void TryParse_RefusesAnythingEncodeWouldNotWrite(string text)
    {
        Assert.False(ProviderRatingKey.TryParse(text, out _));
    }
}
