namespace PlexImprove.Agent.Tests.Prompts;

/// <summary>The shipped prompts and lessons, and a small valid prompt file for tests to write.</summary>
internal static class PromptFixtures
{
    public static string ShippedPromptsDir() => Path.Combine(RepositoryPaths.Root(), "prompts");

    public static string ShippedLessons() => Path.Combine(RepositoryPaths.Root(), "lessons", "lessons_learned.md");

    public static string GoldenDir() => Path.Combine(RepositoryPaths.Root(), "tests", "PlexImprove.Agent.Tests", "Prompts", "Golden");

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
