using System.Xml;
using System.Xml.Linq;
using PlexImprove.Core.Changes.Bundles;

namespace PlexImprove.Core.Changes.Gate;

/// <summary>
/// Reads a bundle's <c>PlexPluginCodePolicy</c> from <c>Contents/Info.plist</c>, the way Plex decides how to compile
/// the bundle's modules. A bundle without a readable Info.plist gets the standard policy, with a note saying why.
/// </summary>
public sealed record BundleCodePolicy(PluginCodePolicy Policy, string? Note)
{
    /// <summary>The policy of the bundle holding <paramref name="file"/> (any file below <c>X.bundle/Contents</c>).</summary>
    public static BundleCodePolicy ForFile(string file)
    {
        var contents = ContentsFolderOf(Path.GetFullPath(file));
        if (contents is null)
        {
            return new BundleCodePolicy(PluginCodePolicy.Standard, null);
        }

        var plist = Path.Combine(contents, "Info.plist");
        if (!File.Exists(plist))
        {
            return new BundleCodePolicy(PluginCodePolicy.Standard, $"{plist} is missing: the standard code policy applies.");
        }

        try
        {
            return new BundleCodePolicy(Parse(XDocument.Load(plist)), null);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return new BundleCodePolicy(PluginCodePolicy.Standard, $"{plist} could not be read ({e.Message}): the standard code policy applies.");
        }
    }

    /// <summary>The policy an Info.plist declares: <c>Elevated</c> (any case) is elevated, anything else standard.</summary>
    public static PluginCodePolicy Parse(XDocument plist)
    {
        ArgumentNullException.ThrowIfNull(plist);
        return InfoPlist.Parse(plist).IsElevated ? PluginCodePolicy.Elevated : PluginCodePolicy.Standard;
    }

    /// <summary>The <c>Contents</c> folder of the bundle above <paramref name="fullPath"/>, or null outside a bundle.</summary>
    private static string? ContentsFolderOf(string fullPath)
    {
        for (var folder = Path.GetDirectoryName(fullPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Path.GetFileName(folder) == "Contents" && Path.GetDirectoryName(folder) is { } bundle &&
                bundle.EndsWith(".bundle", StringComparison.OrdinalIgnoreCase))
            {
                return folder;
            }
        }

        return null;
    }
}
