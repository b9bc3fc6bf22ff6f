using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;

namespace PlexImprove.Loop.Tests.State;

public sealed class LoopStateStoreTests
{
    [Fact]
    public void SaveThenLoad_RoundTripsTheState()
    {
        using var work = new TempDirectory();
        var store = new LoopStateStore(work.Path);
        var state = NewState();
        state.Fixes.Add(new FixRecord { Id = "fix-1", Iteration = 1, Title = "t", Agents = ["com.plexapp.agents.AEBN"], Status = FixState.RolledBack, Step = FixStep.Done });

        store.Save(state);
        var loaded = store.Load();

        Assert.NotNull(loaded);
        Assert.Equal(FixState.RolledBack, loaded.Fixes[0].Status);
        Assert.Contains("\"rolled_back\"", File.ReadAllText(store.StatePath), StringComparison.Ordinal);
        Assert.Contains("\"schemaVersion\": 1", File.ReadAllText(store.StatePath), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AStateOfAnotherSchemaVersion_IsRefusedWithAnExplanation()
    {
        using var work = new TempDirectory();
        File.WriteAllText(Path.Combine(work.Path, LoopStateStore.StateFile), "{\"schemaVersion\": 7, \"status\": \"running\"}");

        var error = Assert.Throws<IncompatibleWorkFolderException>(() => new LoopStateStore(work.Path).Load());

        Assert.Contains("schema 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("another --work folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AFileThatIsNotJson_IsRefused()
    {
        using var work = new TempDirectory();
        File.WriteAllText(Path.Combine(work.Path, LoopStateStore.StateFile), "half a fi");

        var error = Assert.Throws<IncompatibleWorkFolderException>(() => new LoopStateStore(work.Path).Load());

        Assert.StartsWith($"'{Path.Combine(work.Path, LoopStateStore.StateFile)}' is not a readable loop state (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("use another --work folder.", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public void Lock_ASecondRunOnTheSameFolder_IsRefused()
    {
        using var work = new TempDirectory();
        using var first = WorkFolderLock.Acquire(work.Path);

        var error = Assert.Throws<WorkFolderLockedException>(() => WorkFolderLock.Acquire(work.Path));

        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lock_LeftByAProcessThatIsGone_IsTakenOver()
    {
        using var work = new TempDirectory();
        File.WriteAllText(Path.Combine(work.Path, WorkFolderLock.FileName), "999999999\n");

        using var taken = WorkFolderLock.Acquire(work.Path);

        Assert.True(taken.TookOverStaleLock);
    }

    [Fact]
    public void Lock_Released_LetsTheNextRunIn()
    {
        using var work = new TempDirectory();
        WorkFolderLock.Acquire(work.Path).Dispose();

        using var second = WorkFolderLock.Acquire(work.Path);

        Assert.False(second.TookOverStaleLock);
    }

    internal static LoopState NewState() => new()
    {
        Brain = "playbook",
        PluginsDir = "/p",
        LogsDir = "/l",
        PlexUrl = "http://127.0.0.1:32400",
        StartedAt = DateTimeOffset.UnixEpoch,
    };
}
