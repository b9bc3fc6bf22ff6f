using System.Text;
using System.Xml.Linq;
using PlexImprove.Core.Changes.Gate;
using PlexImprove.Python.Gate;
using Xunit;

namespace PlexImprove.Python.Tests.Gate;

/// <summary>Which rules apply where: __init__.py (always standard) vs sibling modules (the bundle's policy) vs libraries.</summary>
public sealed class CodePolicyRulesTests
{
    private const string ElevatedDunders = "class Rows(object):\n    def __len__(self):\n        return 0\n    def __iter__(self):\n        return self\n    def __eq__(self, other):\n        return True\nlabel = __name__\n";

    [Fact]
    public async Task ElevatedDunders_LoadInAnElevatedSibling()
    {
        var result = await GateSamples.CheckAsync(ElevatedDunders, GateSamples.SiblingFile, PluginCodePolicy.Elevated);

        Assert.Equal(("module", "elevated"), (result.Role, result.Policy));
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task ElevatedDunders_AreRefusedInInitPy_EvenForAnElevatedBundle()
    {
        var result = await GateSamples.CheckAsync(ElevatedDunders, GateSamples.InitFile, PluginCodePolicy.Elevated);

        Assert.Equal(4, result.Findings.Count(f => f.Rule == "underscore-name" && f.Severity == "load"));
    }

    [Fact]
    public async Task ElevatedDunders_AreRefusedInAStandardSibling()
    {
        var result = await GateSamples.CheckAsync(ElevatedDunders, GateSamples.SiblingFile, PluginCodePolicy.Standard);

        Assert.Equal(4, result.Findings.Count(f => f.Rule == "underscore-name"));
    }

    [Fact]
    public async Task NeverAllowedDunders_AreRefusedEvenInAnElevatedSibling()
    {
        var result = await GateSamples.CheckAsync("x = obj.__class__\ny = __file__\n__all__ = []\n", GateSamples.SiblingFile, PluginCodePolicy.Elevated);

        Assert.Equal(["underscore-attribute", "file-reference", "underscore-name"], result.Findings.Select(f => f.Rule));
        Assert.All(result.Findings, f => Assert.Equal("load", f.Severity));
    }

    [Fact]
    public async Task ElevatedBuiltins_AreProvidedToEveryFileOfAnElevatedBundle()
    {
        const string source = "x = getattr(o, 'a')\ny = hasattr(o, 'a')\nz = type(o)\nw = dir(o)\nsetattr(o, 'a', 1)\n";

        var init = await GateSamples.CheckAsync(source, GateSamples.InitFile, PluginCodePolicy.Elevated);
        var standard = await GateSamples.CheckAsync(source, GateSamples.SiblingFile, PluginCodePolicy.Standard);

        Assert.Empty(init.Findings);
        Assert.Equal(["missing-builtin", "missing-builtin", "missing-builtin", "missing-builtin", "guarded-builtin"], standard.Findings.Select(f => f.Rule));
    }

    [Fact]
    public async Task Delattr_IsGuardedUnderBothPolicies()
    {
        var result = await GateSamples.CheckAsync("delattr(o, 'a')\n", GateSamples.SiblingFile, PluginCodePolicy.Elevated);

        Assert.Equal("guarded-builtin", Assert.Single(result.Findings).Rule);
    }

    [Fact]
    public async Task Libraries_AreImportedWithoutRestrictions_OnlySyntaxIsChecked()
    {
        var ok = await GateSamples.CheckAsync("_cache = {}\ndef gen():\n    yield obj.__class__\n", GateSamples.LibraryFile, PluginCodePolicy.Standard);
        var broken = await GateSamples.CheckAsync("x = f'{y}'\n", GateSamples.LibraryFile, PluginCodePolicy.Standard);

        Assert.Equal("library", ok.Role);
        Assert.Empty(ok.Findings);
        var finding = Assert.Single(broken.Findings);
        Assert.Equal(("syntax", "runtime"), (finding.Rule, finding.Severity));
    }

    [Fact]
    public async Task SyntaxErrorInAgentCode_IsALoadFinding()
    {
        var result = await GateSamples.CheckAsync("print(x, end='')\n", GateSamples.SiblingFile, PluginCodePolicy.Elevated);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("syntax", "load"), (finding.Rule, finding.Severity));
    }

    [Fact]
    public async Task BinaryFile_IsAClearFinding_NotACrash()
    {
        var gate = new Python27CodeGate(await TestPython.RuntimeAsync(TestContext.Current.CancellationToken));
        var results = await gate.CheckAsync([new GateSource(GateSamples.SiblingFile, new byte[] { 0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff })], GateChecks.All, TestContext.Current.CancellationToken);

        var finding = Assert.Single(Assert.Single(results).Findings);
        Assert.Equal("syntax", finding.Rule);
        Assert.Contains("not Python source", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdenticalContent_UnderDifferentRules_IsJudgedPerFile()
    {
        var bytes = Encoding.UTF8.GetBytes("label = __name__\n");
        var gate = new Python27CodeGate(await TestPython.RuntimeAsync(TestContext.Current.CancellationToken));

        var results = await gate.CheckAsync(
            [new GateSource(GateSamples.InitFile, bytes) { Policy = PluginCodePolicy.Elevated }, new GateSource(GateSamples.SiblingFile, bytes) { Policy = PluginCodePolicy.Elevated }],
            GateChecks.All, TestContext.Current.CancellationToken);

        Assert.Single(results[0].Findings);
        Assert.Empty(results[1].Findings);
    }

    [Theory]
    [InlineData("Agent.bundle/Contents/Code/__init__.py", "init")]
    [InlineData("Agent.bundle/Contents/Code/utils.py", "module")]
    [InlineData("Agent.bundle/Contents/Code/sub/__init__.py", "module")]
    [InlineData("Agent.bundle/Contents/Libraries/Shared/requests/api.py", "library")]
    [InlineData("__init__.py", "init")]
    [InlineData("loose.py", "module")]
    public void Role_FollowsThePlaceInTheBundle(string name, string role) => Assert.Equal(role, CodeRole.Of(name));

    [Fact]
    public void InfoPlist_ElevatedPolicy_IsRead()
    {
        var plist = XDocument.Parse("<plist><dict><key>CFBundleIdentifier</key><string>x</string><key>PlexPluginCodePolicy</key><string>Elevated</string></dict></plist>");

        Assert.Equal(PluginCodePolicy.Elevated, BundleCodePolicy.Parse(plist));
        Assert.Equal(PluginCodePolicy.Standard, BundleCodePolicy.Parse(XDocument.Parse("<plist><dict><key>CFBundleIdentifier</key><string>x</string></dict></plist>")));
    }

    [Fact]
    public void BundleWithoutInfoPlist_GetsStandardPolicy_WithANote()
    {
        var folder = Directory.CreateTempSubdirectory("pleximprove-policy-").FullName;
        try
        {
            var code = Path.Combine(folder, "Agent.bundle", "Contents", "Code");
            Directory.CreateDirectory(code);
            File.WriteAllText(Path.Combine(code, "utils.py"), "x = 1\n");

            var policy = BundleCodePolicy.ForFile(Path.Combine(code, "utils.py"));

            Assert.Equal(PluginCodePolicy.Standard, policy.Policy);
            Assert.Contains("Info.plist is missing", policy.Note, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
