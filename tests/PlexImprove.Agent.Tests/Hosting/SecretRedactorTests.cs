using PlexImprove.Agent.Hosting;

namespace PlexImprove.Agent.Tests.Hosting;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_RemovesKnownSecretsAndSecretShapedText()
    {
        var redactor = new SecretRedactor(["plex-token-value-42", null, "abc"]);

        string text = redactor.Redact(
            "GET /library?X-Plex-Token=zzTOKENzz and plex-token-value-42; Authorization: Bearer sk-abcdefghijklmnopqrstuvwx; {\"api_key\": \"k-123\"} abc");

        Assert.DoesNotContain("zzTOKENzz", text, StringComparison.Ordinal);
        Assert.DoesNotContain("plex-token-value-42", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-abcdefghijklmnopqrstuvwx", text, StringComparison.Ordinal);
        Assert.DoesNotContain("k-123", text, StringComparison.Ordinal);
        Assert.EndsWith(" abc", text, StringComparison.Ordinal);
    }
}
