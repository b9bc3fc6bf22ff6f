namespace PlexImprove.Sandbox.Providers;

/// <summary>
/// A cheap summary of a bundle's code (files, sizes and times under <c>Contents/Code</c>, and <c>Info.plist</c>), so an
/// edited agent — a fix applied, a rollback — is reloaded before the next call, as a restart would reload it.
/// </summary>
public static class BundleFingerprint
{
    public static string Of(string bundlePath)
    {
        var contents = Path.Combine(bundlePath, "Contents");
        var files = new List<FileInfo>();
        var code = new DirectoryInfo(Path.Combine(contents, "Code"));
        if (code.Exists)
        {
            files.AddRange(code.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
                .Where(f => !f.Name.EndsWith(".pyc", StringComparison.OrdinalIgnoreCase)));
        }

        var plist = new FileInfo(Path.Combine(contents, "Info.plist"));
        if (plist.Exists)
        {
            files.Add(plist);
        }

        long latest = 0, bytes = 0;
        foreach (var file in files)
        {
            latest = Math.Max(latest, file.LastWriteTimeUtc.Ticks);
            bytes += file.Length;
        }

        return $"{files.Count}:{bytes}:{latest}";
    }
}
