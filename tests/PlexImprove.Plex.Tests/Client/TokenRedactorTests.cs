using PlexImprove.Plex.Client;

namespace PlexImprove.Plex.Tests.Client;

public sealed class TokenRedactorTests
{
    [Fact]
    public void Redact_MasksTheLiteralToken_AndAnyTokenQueryValue()
    {
        var redactor = new TokenRedactor("s3cr3t/+tok");

        string text = redactor.Redact("GET http://h:32400/a?X-Plex-Token=s3cr3t%2F%2Btok&x=1 and s3cr3t/+tok and x-plex-token=other")!;

        Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
        Assert.DoesNotContain("other", text, StringComparison.Ordinal);
        Assert.Contains("&x=1", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split(TokenRedactor.Mask).Length - 1);
    }

    [Fact]
    public void Redact_WithoutToken_StillMasksQueryValues()
    {
        Assert.Equal("ws://h/n?X-Plex-Token=<redacted>", TokenRedactor.QueryOnly.Redact("ws://h/n?X-Plex-Token=abc"));
        Assert.Null(TokenRedactor.QueryOnly.Redact(null));
    }
}
