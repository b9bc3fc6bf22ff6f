using System.Text;
using PlexImprove.Core.Changes.Gate;

namespace PlexImprove.Core.Tests.Changes;

/// <summary>
/// Stands in for the Python 2.7 gate in pure engine tests (the real gate is tested with the real
/// interpreter in PlexImprove.Python.Tests): every line containing "BAD" is a lint finding.
/// </summary>
internal sealed class MarkerGate : ICodeGate
{
    public int Calls { get; private set; }

    public Task<IReadOnlyList<GateFileResult>> CheckAsync(IReadOnlyList<GateSource> sources, GateChecks checks, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult<IReadOnlyList<GateFileResult>>([.. sources.Select(s =>
        {
            var lines = Encoding.UTF8.GetString(s.Content.Span).Split('\n');
            var findings = lines
                .Select((line, index) => (line, index))
                .Where(l => l.line.Contains("BAD", StringComparison.Ordinal))
                .Select(l => new CodeFinding
                {
                    Check = "lint", Rule = "marker", File = s.Name, Line = l.index + 1, Column = 1,
                    Message = "marker found", Fix = "remove it", Code = l.line.Trim(),
                })
                .ToList();
            return new GateFileResult { File = s.Name, Parsed = true, Findings = findings };
        })]);
    }
}
