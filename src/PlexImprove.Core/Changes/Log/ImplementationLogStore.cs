using System.Text.Json;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes.Log;

/// <summary>Reads and writes <c>implementation_log.json</c> (atomically, one entry per fix id).</summary>
public sealed class ImplementationLogStore
{
    private readonly WorkFolder _work;

    public ImplementationLogStore(WorkFolder work) => _work = work;

    /// <summary>The log of an iteration (empty when there is none yet).</summary>
    public ImplementationLog Load(int iteration)
    {
        var path = _work.ImplementationLogPath(iteration);
        if (!File.Exists(path))
        {
            return new ImplementationLog { Iteration = iteration };
        }

        try
        {
            return JsonSerializer.Deserialize<ImplementationLog>(File.ReadAllBytes(path), ChangesJson.Options)
                ?? new ImplementationLog { Iteration = iteration };
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"'{path}' is not a readable implementation log ({e.Message}). Move it aside and retry.");
        }
    }

    /// <summary>Adds the entry, or replaces the entry with the same fix id (the caller carries the earlier history over).</summary>
    public void Upsert(int iteration, ImplementationLogEntry entry)
    {
        var log = Load(iteration);
        var index = log.Fixes.FindIndex(f => f.FixId == entry.FixId);
        if (index >= 0)
        {
            log.Fixes[index] = entry;
        }
        else
        {
            log.Fixes.Add(entry);
        }

        Save(log);
    }

    /// <summary>Marks the entry of <paramref name="fixId"/> rolled back, if the log has it.</summary>
    public void MarkRolledBack(int iteration, string fixId, DateTimeOffset at)
    {
        var log = Load(iteration);
        var entry = log.Fixes.Find(f => f.FixId == fixId);
        if (entry is null)
        {
            return;
        }

        entry.Status = FixStatus.RolledBack;
        entry.RolledBackAt = at;
        entry.History.Add(new StatusChange { Status = FixStatus.RolledBack, At = at });
        Save(log);
    }

    private void Save(ImplementationLog log)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(log, ChangesJson.Options);
        new AtomicFileWriter().Write(_work.ImplementationLogPath(log.Iteration), bytes, mode: null);
    }
}
