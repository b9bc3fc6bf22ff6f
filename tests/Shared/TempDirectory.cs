namespace PlexImprove.Testing;

/// <summary>A fresh folder under the system temp folder for one test, deleted with the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "plex-improve-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The path of <paramref name="parts"/> inside this folder; nothing is created.</summary>
    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A sub-folder, created.</summary>
    public string Sub(string name) => Directory.CreateDirectory(File(name)).FullName;

    /// <summary>Writes <paramref name="content"/> to a '/'-separated relative path, creating its folders.</summary>
    public string Write(string relative, string content)
    {
        var full = File(relative.Split('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open by a failing test must not hide that test's own failure.
        }
    }
}
