using System.Text.Json;
using PlexImprove.Core.IO;

namespace PlexImprove.Loop.State;

/// <summary>Reads and writes <c>loop_state.json</c> and <c>decision_log.json</c> at the top of a work folder, atomically.</summary>
public sealed class LoopStateStore
{
    public const string StateFile = "loop_state.json";
    public const string DecisionFile = "decision_log.json";

    public LoopStateStore(string workDir) => WorkDir = Path.GetFullPath(workDir);

    public string WorkDir { get; }

    public string StatePath => Path.Combine(WorkDir, StateFile);

    public string DecisionPath => Path.Combine(WorkDir, DecisionFile);

    public bool Exists => File.Exists(StatePath);

    /// <summary>The saved state, or null when the folder has none; a state of another schema version is refused.</summary>
    public LoopState? Load()
    {
        if (!File.Exists(StatePath))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(StatePath);
        int version;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            version = document.RootElement.TryGetProperty("schemaVersion", out var v) && v.TryGetInt32(out int n) ? n : 0;
        }
        catch (JsonException e)
        {
            throw new IncompatibleWorkFolderException($"'{StatePath}' is not a readable loop state ({e.Message}). It was not written by this program, or was edited by hand; use another --work folder.", e);
        }

        if (version != LoopState.CurrentSchemaVersion)
        {
            throw new IncompatibleWorkFolderException(
                $"'{StatePath}' was written by a version of plex-improve with loop state schema {version}; this version reads schema {LoopState.CurrentSchemaVersion}. " +
                "It cannot be resumed safely: finish it with the version that started it, or start a new run with another --work folder.");
        }

        try
        {
            return JsonSerializer.Deserialize<LoopState>(bytes, LoopJson.Options)
                ?? throw new IncompatibleWorkFolderException($"'{StatePath}' is empty; use another --work folder.");
        }
        catch (JsonException e)
        {
            throw new IncompatibleWorkFolderException($"'{StatePath}' does not match loop state schema {version} ({e.Message}); use another --work folder.", e);
        }
    }

    public void Save(LoopState state) => AtomicFile.WriteAllText(StatePath, JsonSerializer.Serialize(state, LoopJson.Options));

    public DecisionLog LoadDecisions()
    {
        if (!File.Exists(DecisionPath))
        {
            return new DecisionLog();
        }

        try
        {
            return JsonSerializer.Deserialize<DecisionLog>(File.ReadAllBytes(DecisionPath), LoopJson.Options) ?? new DecisionLog();
        }
        catch (JsonException e)
        {
            throw new IncompatibleWorkFolderException($"'{DecisionPath}' is not a readable decision log ({e.Message}); use another --work folder.", e);
        }
    }

    public void SaveDecisions(DecisionLog log) => AtomicFile.WriteAllText(DecisionPath, JsonSerializer.Serialize(log, LoopJson.Options));
}
