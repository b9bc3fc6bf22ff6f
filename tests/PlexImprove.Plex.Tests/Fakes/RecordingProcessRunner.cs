using PlexImprove.Plex.Restart;

namespace PlexImprove.Plex.Tests.Fakes;

/// <summary>Records every command a restart would run and answers from a table.</summary>
public sealed class RecordingProcessRunner : IProcessRunner
{
    public List<(string File, IReadOnlyList<string> Arguments)> Calls { get; } = [];

    public Func<string, IReadOnlyList<string>, ProcessResult> Answer { get; set; } = (_, _) => new ProcessResult(0, "", "");

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Calls.Add((fileName, arguments));
        return Task.FromResult(Answer(fileName, arguments));
    }
}
