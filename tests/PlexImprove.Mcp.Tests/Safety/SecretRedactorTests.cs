using PlexImprove.Mcp.Safety;
using Xunit;

namespace PlexImprove.Mcp.Tests.Safety;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_MasksEverySecretAndItsUrlEscapedForm()
    {
        var redactor = new SecretRedactor(["abc/def+ghi=", "sk-0123456789", null, "  "]);

        string text = redactor.Redact("token abc/def+ghi= in url ?t=abc%2Fdef%2Bghi%3D key sk-0123456789.");

        Assert.Equal("token <redacted> in url ?t=<redacted> key <redacted>.", text);
    }

    [Fact]
    public void Redact_IgnoresValuesTooShortToBeSecrets()
    {
        var redactor = new SecretRedactor(["abc"]);

        Assert.Equal("abc abc", redactor.Redact("abc abc"));
    }
}
