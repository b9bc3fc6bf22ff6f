namespace PlexImprove.Agent.Tests.Prompts;

/// <summary>The shipped prompts and lessons, and small prompt files written for one test.</summary>
internal static class PromptFixtures
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlexImproveAgent.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PlexImproveAgent.sln not found above " + AppContext.BaseDirectory);
    }

    public static string ShippedPromptsDir() => Path.Combine(RepositoryRoot(), "prompts");

    public static string ShippedLessons() => Path.Combine(RepositoryRoot(), "lessons", "lessons_learned.md");

    public static string GoldenDir() => Path.Combine(RepositoryRoot(), "tests", "PlexImprove.Agent.Tests", "Prompts", "Golden");

    /// <summary>A valid prompt file: front matter on lines 1-13, the system block opens on line 14, the user block on line 18.</summary>
    public const string Valid = """
        ---
        name: sample
        description: A sample prompt.
        input_variables:
          - name: digest
            description: The digest.
            is_required: true
          - name: note
            description: An optional note.
            is_required: false
        tools: [list_signatures, read_agent_file]
        output: text
        ---
        <message role="system">
        You diagnose.
        {{ lessons }}
        </message>
        <message role="user">
        {{ digest }}{{ if note }} ({{ note }}){{ end }}
        </message>
        """;
}

/// <summary>A temporary folder for prompt files, deleted with the test.</summary>
internal sealed class PromptFolder : IDisposable
{
    public PromptFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "plex-improve-prompt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string text)
    {
        string file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a failing test's open file must not hide its own failure.
        }
    }
}
