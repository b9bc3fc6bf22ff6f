using System.Diagnostics;

namespace PlexImprove.Mcp.Tests.TestSupport;

/// <summary>
/// A home folder as <c>plex-improve mcp</c> sees it, under the system temp folder and deleted with the test: a copy of
/// the shipped prompts and lessons, a Plug-ins folder with one agent bundle, a logs folder with a fixture plugin log
/// and a work folder holding the reports of one iteration.
/// </summary>
public sealed class McpTestHome : IDisposable
{
    public const string AgentCode = "def search(results, media, lang):\n    n = 0\n    n -= 1\n    return n\n";
    public const string AgentFile = "Films.bundle/Contents/Code/__init__.py";
    public const string FixPatch = """{"edits": [{"file": "Films.bundle/Contents/Code/__init__.py", "search": "n -= 1", "replace": "n = n - 1"}]}""";

    public McpTestHome()
    {
        Root = Path.Combine(Path.GetTempPath(), "plex-improve-mcp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(PluginsDir, "Films.bundle", "Contents", "Code"));
        Directory.CreateDirectory(LogsDir);
        Directory.CreateDirectory(Path.Combine(WorkDir, "iteration_1"));
        File.WriteAllText(AgentPath, AgentCode);
        File.Copy(Path.Combine(RepositoryPaths.SampleLogs(), "com.plexapp.agents.AEBN.log"), Path.Combine(LogsDir, "com.plexapp.agents.AEBN.log"));
        CopyFolder(Path.Combine(RepositoryPaths.Root(), "prompts"), Path.Combine(Root, "prompts"));
        CopyFolder(Path.Combine(RepositoryPaths.Root(), "lessons"), Path.Combine(Root, "lessons"));
        File.WriteAllText(Path.Combine(WorkDir, "loop_state.json"), """{"iteration": 1, "phase": "test"}""");
        File.WriteAllText(Path.Combine(WorkDir, "iteration_1", "metrics.json"), """{"agents": [{"agent": "com.plexapp.agents.AEBN", "successRate": 0.4}]}""");
        File.WriteAllText(Path.Combine(WorkDir, "iteration_1", "aggregated_logs.md"), "# Aggregated logs\n\nAEBN: 40% success.\n");
        File.WriteAllText(Path.Combine(Root, "outside.txt"), "not an agent file");
    }

    public string Root { get; }

    public string PluginsDir => Path.Combine(Root, "Plug-ins");

    public string LogsDir => Path.Combine(Root, "PMS Plugin Logs");

    public string WorkDir => Path.Combine(Root, "work");

    public string AgentPath => Path.Combine(PluginsDir, "Films.bundle", "Contents", "Code", "__init__.py");

    /// <summary>Starts <c>plex-improve mcp</c> with <paramref name="args"/> as a process of its own, every stream redirected, in this home.</summary>
    public ProcessStartInfo McpProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            WorkingDirectory = Root,
        };
        start.ArgumentList.Add(BuiltCli.Dll());
        start.ArgumentList.Add("mcp");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Environment())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return start;
    }

    /// <summary>The environment the server runs with: Python 2.7 of the repository, these folders, no secrets.</summary>
    public Dictionary<string, string?> Environment()
    {
        var python = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr");
        return new Dictionary<string, string?>
        {
            ["PLEXIMPROVE_HOME"] = Root,
            ["PLEXIMPROVE__Python27__Path"] = Path.Combine(python, "bin", "python2.7"),
            ["PLEXIMPROVE__Python27__Home"] = python,
            ["PLEXIMPROVE__Plex__PluginsDir"] = PluginsDir,
            ["PLEXIMPROVE__Plex__LogsDir"] = LogsDir,
            ["PLEXIMPROVE__Run__WorkDir"] = WorkDir,
            ["PLEX_TOKEN"] = null,
            ["OPENAI_API_KEY"] = null,
            ["MCP_TOKEN"] = null,
        };
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open by a failing test must not hide that test's own failure.
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
