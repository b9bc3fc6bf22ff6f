using PlexImprove.Loop.Coordination;
using static PlexImprove.Loop.Tests.Support.AebnTitleFix;

namespace PlexImprove.Loop.Tests.Support;

/// <summary>
/// One whole loop on the demo's AEBN agent whose only fix breaks plug-in loading, run once for every test that reads
/// its outcome (the loop is the slow part; the tests only look at what it left).
/// </summary>
public sealed class RolledBackLoadingFixRun : IAsyncLifetime
{
    public const string FixId = "missing-import";

    private readonly TempDirectory _work = new();
    private SandboxLoop? _sandbox;

    public string Work => _work.Path;

    /// <summary>The AEBN code before the loop ran.</summary>
    public byte[] OriginalCode { get; private set; } = [];

    /// <summary>The AEBN code once the loop ended.</summary>
    public byte[] FinalCode { get; private set; } = [];

    internal ScriptedBrain Brain { get; } = new([ScriptedBrain.Edit(FixId, Aebn, AebnCode, "import utils\n", "import utils\nimport plexbox_helper_that_does_not_exist\n")]);

    public LoopResult Result { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxLoop.StartAsync(Work);
        OriginalCode = File.ReadAllBytes(_sandbox.Code("AEBN"));
        var loop = await _sandbox.CoordinatorAsync(Brain, Aebn);
        Result = await loop.RunAsync(TestContext.Current.CancellationToken);
        FinalCode = File.ReadAllBytes(_sandbox.Code("AEBN"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        _work.Dispose();
    }
}
