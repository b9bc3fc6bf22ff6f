using System.Text;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Changes.Gate;

namespace PlexImprove.Core.Tests.Changes;

/// <summary>A temporary Plug-ins folder and work folder, and an engine over them.</summary>
internal sealed class ChangeFixture : IDisposable
{
    public ChangeFixture()
    {
        Folder = Directory.CreateTempSubdirectory("pleximprove-changes-").FullName;
        Plugins = Path.Combine(Folder, "Plug-ins");
        WorkPath = Path.Combine(Folder, "work");
        Directory.CreateDirectory(Plugins);
    }

    public string Folder { get; }

    public string Plugins { get; }

    public string WorkPath { get; }

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 18, 41, 7, TimeSpan.Zero));

    public ICodeGate Gate { get; set; } = new MarkerGate();

    public ChangeEngine CreateSut(IChangeStepHook? hook = null) =>
        new(new PluginsRoot(Plugins), new WorkFolder(WorkPath), Gate, Time, hook);

    /// <summary>Writes a file under the Plug-ins folder and returns its full path.</summary>
    public string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    public string Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(Plugins, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(Plugins, relative));

    public string ReadText(string relative) => Encoding.UTF8.GetString(Read(relative));

    /// <summary>Every file under the Plug-ins folder with its bytes, to prove nothing changed.</summary>
    public Dictionary<string, string> SnapshotPlugins() =>
        Directory.EnumerateFiles(Plugins, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Plugins, f), f => Convert.ToHexString(File.ReadAllBytes(f)));

    public static ChangeRequest Request(string patch, string fixId = "fix-1", int iteration = 1, bool allCopies = false, bool dryRun = false, string? expect = null) => new()
    {
        FixId = fixId,
        Iteration = iteration,
        Patch = Encoding.UTF8.GetBytes(patch),
        PatchName = "fix.patch",
        AllCopies = allCopies,
        DryRun = dryRun,
        ExpectedBehaviour = expect,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
