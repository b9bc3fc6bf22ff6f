using System.Text;
using System.Text.RegularExpressions;
using PlexImprove.Core.IO;
using PlexImprove.Core.Redaction;
using Xunit;

namespace PlexImprove.Core.Tests.Redaction;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_MasksEveryKnownValueAndItsUrlEscapedForm()
    {
        var redactor = new SecretRedactor(["abc/def+ghi=", "sk-0123456789", null, "  "]);

        var text = redactor.Redact("token abc/def+ghi= in url ?t=abc%2Fdef%2Bghi%3D key sk-0123456789.");

        Assert.Equal("token <redacted> in url ?t=<redacted> key <redacted>.", text);
    }

    [Fact]
    public void Redact_IgnoresValuesTooShortToBeSecrets()
    {
        Assert.Equal("abc abc", new SecretRedactor(["abc"]).Redact("abc abc"));
    }

    [Theory]
    [InlineData("GET /library?X-Plex-Token=zzTOKENzz&x=1", "zzTOKENzz")]
    [InlineData("x-plex-token: zzTOKENzz", "zzTOKENzz")]
    [InlineData("{'X-Plex-Token': 'zzTOKENzz'}", "zzTOKENzz")]
    [InlineData("<Preferences PlexOnlineToken=\"zzTOKENzz\" FriendlyName=\"x\"/>", "zzTOKENzz")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc", "eyJhbGciOiJIUzI1NiJ9")]
    [InlineData("key sk-abcdefghijklmnopqrstuvwx", "sk-abcdefghijklmnopqrstuvwx")]
    [InlineData("{\"api_key\": \"k-123456\"}", "k-123456")]
    public void Redact_SecretShapedTextWithoutKnownValue_IsMasked(string text, string secret)
    {
        var masked = SecretRedactor.Shared.Redact(text);

        Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<X PlexOnlineToken=\"abcdef\"/>", "<X PlexOnlineToken=\"<redacted>\"/>")]
    [InlineData("Token = \"abcdef\"", "Token = \"<redacted>\"")]
    [InlineData("aTokenbToken=\"abcdef\"", "aTokenbToken=\"<redacted>\"")]
    [InlineData("x1Token=\"abcdef\" éToken=\"abcdef\" _Token=\"abcdef\"", "x1Token=\"abcdef\" éToken=\"abcdef\" _Token=\"abcdef\"")]
    [InlineData("Token=\"<redacted>\"", "Token=\"<redacted>\"")]
    public void MaskTokenAttributes_MasksTheValueOfAnAttributeNamedWithLettersThenToken(string text, string expected)
    {
        Assert.Equal(expected, SecretRedactor.MaskTokenAttributes(text));
    }

    [Fact]
    public void MaskTokenAttributes_MasksExactlyWhatTheLettersThenTokenPatternMatches()
    {
        // The plain form of the pattern, which tries a run of letters at every position; the redactor's form searches
        // for "Token" and looks behind it. Random texts of the pieces that decide a match must come out the same.
        var plain = new Regex("""(?<name>\b[A-Za-z]*Token\s*=\s*")(?!<redacted>)[^"]+""", RegexOptions.CultureInvariant);
        string[] pieces = ["Token", "token", "Plex", "Online", "x", "1", "_", "é", "-", " ", "\t", "=", "\"", "\"v\"", "<redacted>", "\n", ":", "Tok", "en"];
        var random = new Random(20261207);
        for (int i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder();
            for (int n = random.Next(1, 14); n > 0; n--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var input = text.ToString();
            Assert.Equal(plain.Replace(input, m => m.Groups["name"].Value + SecretRedactor.Mask), SecretRedactor.MaskTokenAttributes(input));
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task Redact_AMegabyteOfTokenWordsCraftedToRescanLetters_ReturnsItUnchanged()
    {
        // A hostile page or log: every "Token" is preceded by the whole run of letters before it. A lookbehind that
        // read that run back at each "Token" took minutes here (quadratic); the redactor reads it once. The time limit
        // is a hang guard, thousands of times what the text takes.
        string hostile = string.Concat(Enumerable.Repeat("Token", 200_000)) + "=x";

        string masked = await Task.Run(() => SecretRedactor.Shared.Redact(hostile), TestContext.Current.CancellationToken);

        Assert.Equal(hostile, masked);
    }

    [Fact]
    public void Redact_Twice_ChangesNothingMore()
    {
        var once = SecretRedactor.Shared.Redact("?X-Plex-Token=abc Bearer xyz PlexOnlineToken=\"q\" {\"token\": \"t\"}");

        Assert.Equal(once, SecretRedactor.Shared.Redact(once));
        Assert.Null(SecretRedactor.Shared.Redact(null));
    }

    [Fact]
    public void Remember_ValueRegisteredLater_IsMaskedByEveryRedactor()
    {
        var value = "remembered-" + Guid.NewGuid().ToString("N");
        var earlier = new SecretRedactor([]);

        SecretRedactor.Remember([value]);

        Assert.Equal("a <redacted> b", earlier.Redact($"a {value} b"));
        Assert.Equal("<redacted>", SecretRedactor.Shared.Redact(value));
    }

    [Fact]
    public void AtomicFileWriteAllText_SecretsAModelRepeated_AreNotWrittenInClear()
    {
        using var dir = new TempDirectory();
        var value = "known-" + Guid.NewGuid().ToString("N");
        SecretRedactor.Remember([value]);
        var path = dir.File("diagnostic_report.md");

        AtomicFile.WriteAllText(path, $"The model said: use {value}, GET /?X-Plex-Token=abcdef123 with Bearer eyJ0eXAi.x.y");

        var written = File.ReadAllText(path);
        Assert.DoesNotContain(value, written, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef123", written, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ0eXAi", written, StringComparison.Ordinal);
        Assert.Contains("The model said: use <redacted>", written, StringComparison.Ordinal);
    }

    [Fact]
    public void AtomicFileWriteAllBytes_AgentCode_IsWrittenUnchanged()
    {
        using var dir = new TempDirectory();
        var path = dir.File("__init__.py");
        var code = "HTTP.Headers['X-Plex-Token'] = Prefs['token']\n"u8.ToArray();

        AtomicFile.WriteAllBytes(path, code);

        Assert.Equal(code, File.ReadAllBytes(path));
    }
}
