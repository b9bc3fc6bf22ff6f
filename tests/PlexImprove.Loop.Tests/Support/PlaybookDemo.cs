using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Loop.Coordination;

namespace PlexImprove.Loop.Tests.Support;

/// <summary>The demo as the loop tests run it in this process: the built-in demo scenario and the playbook brain.</summary>
internal static class PlaybookDemo
{
    public static string ScenarioRoot => Path.Combine(AppContext.BaseDirectory, "scenarios", "demo");

    public static DemoOptions Options(string work, RecordingObserver observer, bool resume = false) => new()
    {
        WorkDir = work,
        ScenarioRoot = ScenarioRoot,
        Python = TestPython.RuntimeAsync().GetAwaiter().GetResult(),
        Brain = (fetcher, _, _) => new PlaybookBrain(new PlaybookBrainOptions { Fetcher = fetcher }),
        Resume = resume,
        ResumeCommand = "plex-improve demo --resume",
        Observers = [observer],
    };
}
