using System.Text.Json;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Preflight;
using PlexImprove.Core.IO;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Loop.Preflight;

/// <summary>
/// The loop's check just before a fix reaches the live plug-in: the fix is run on each of its agents' failing items
/// (from the logs) in a scratch box. A fix that ran and made no failing item match is refused; the results are
/// written beside the iteration's reports (<c>preflight_&lt;fix-id&gt;.json</c>) as evidence and as the prediction the
/// post-mortem compares with the live test.
/// </summary>
public sealed class PreflightGate
{
    public const string FilePrefix = "preflight_";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly IFixPreflight _preflight;

    public PreflightGate(IFixPreflight preflight) => _preflight = preflight ?? throw new ArgumentNullException(nameof(preflight));

    /// <summary>Pre-flights <paramref name="fix"/> on every agent it names; the verdict says whether it may be applied.</summary>
    public async Task<PreflightVerdict> CheckAsync(FixProposal fix, IReadOnlyList<AgentSession> sessions, string logsDir, string iterationDir, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fix);
        var results = new List<PreflightResult>();
        foreach (var agent in fix.Agents)
        {
            var items = FailingItems.Find(logsDir, agent, sessions, _preflight.MaxItems, ct);
            results.Add(await _preflight.RunAsync(new PreflightRequest { Fix = fix, Agent = agent, Items = items }, ct).ConfigureAwait(false));
        }

        var path = Path.Combine(iterationDir, FilePrefix + fix.Id + ".json");
        Directory.CreateDirectory(iterationDir);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(results, Json));
        return new PreflightVerdict(results, Path.GetFileName(path));
    }

    /// <summary>The results an earlier check wrote for <paramref name="fixId"/>, or null.</summary>
    public static IReadOnlyList<PreflightResult>? Read(string iterationDir, string fixId)
    {
        var path = Path.Combine(iterationDir, FilePrefix + fixId + ".json");
        return File.Exists(path) ? JsonSerializer.Deserialize<List<PreflightResult>>(File.ReadAllText(path)) : null;
    }
}
