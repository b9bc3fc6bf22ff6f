using System.Text.Json;
using PlexImprove.Core.Changes;

namespace PlexImprove.Cli.Hosting;

/// <summary>Writes a command's <c>--json</c> answer to stdout.</summary>
public static class JsonOutput
{
    public static Task WriteAsync<T>(CliContext context, T value) =>
        context.Out.WriteLineAsync(JsonSerializer.Serialize(value, ChangesJson.Options));
}
