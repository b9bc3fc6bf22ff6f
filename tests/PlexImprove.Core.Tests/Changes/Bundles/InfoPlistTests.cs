using System.Xml.Linq;
using PlexImprove.Core.Changes.Bundles;
using PlexImprove.Core.Changes.Gate;
using Xunit;

namespace PlexImprove.Core.Tests.Changes.Bundles;

public sealed class InfoPlistTests
{
    private const string WithComments = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
          <key>CFBundleIdentifier</key>
          <!-- reverse DNS -->
          <string> com.plexapp.agents.sample </string>
          <key>PlexPluginCodePolicy</key>
          <!-- needs getattr and Core -->
          <string>Elevated</string>
          <key>PlexPluginDevMode</key><true/>
          <key>PlexMediaTypes</key><array><string>Movie</string><string>TV_Show</string></array>
        </dict>
        </plist>
        """;

    [Fact]
    public void CommentBetweenKeyAndValue_DoesNotChangeTheValueRead()
    {
        var plist = InfoPlist.Parse(XDocument.Parse(WithComments));

        Assert.Equal("com.plexapp.agents.sample", plist.Identifier);
        Assert.True(plist.IsElevated);
        Assert.Equal(true, plist.Values["PlexPluginDevMode"]);
        Assert.Equal(["Movie", "TV_Show"], Assert.IsType<List<object?>>(plist.Values["PlexMediaTypes"]));
    }

    [Fact]
    public void GatePolicy_AndPluginsFolderListing_ReadThePlistTheSameWay()
    {
        using var folder = new PlexImprove.Testing.TempDirectory();
        var bundle = Path.Combine(folder.Path, "Sample.bundle");
        Directory.CreateDirectory(Path.Combine(bundle, "Contents", "Code"));
        File.WriteAllText(Path.Combine(bundle, "Contents", "Info.plist"), WithComments);

        Assert.Equal(PluginCodePolicy.Elevated, BundleCodePolicy.ForFile(Path.Combine(bundle, "Contents", "Code", "__init__.py")).Policy);
        Assert.Equal("com.plexapp.agents.sample", Assert.Single(PlexImprove.Core.Changes.Files.PluginBundles.Find(folder.Path)).Identifier);
    }

    [Fact]
    public void MissingOrBrokenPlist_ReadsAsNoBundle()
    {
        using var folder = new PlexImprove.Testing.TempDirectory();
        Directory.CreateDirectory(Path.Combine(folder.Path, "Contents"));
        Assert.Null(InfoPlist.TryLoadBundle(folder.Path));
        File.WriteAllText(Path.Combine(folder.Path, "Contents", "Info.plist"), "<plist><dict><key>");
        Assert.Null(InfoPlist.TryLoadBundle(folder.Path));
    }
}
