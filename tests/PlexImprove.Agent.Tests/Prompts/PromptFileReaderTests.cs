using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Prompts;
using PlexImprove.Core.Errors;
using Xunit;

namespace PlexImprove.Agent.Tests.Prompts;

public sealed class PromptFileReaderTests
{
    private static string Broken(string from, string to)
    {
        Assert.Contains(from, PromptFixtures.Valid, StringComparison.Ordinal);
        return PromptFixtures.Valid.Replace(from, to, StringComparison.Ordinal);
    }

    private static string ErrorOf(string text, string source = "sample.md") =>
        Assert.Throws<InvalidInputException>(() => PromptFileReader.Parse(text, source)).Message;

    [Fact]
    public void Parse_ValidFile_ReadsFrontMatterAndMessages()
    {
        var prompt = PromptFileReader.Parse(PromptFixtures.Valid, "sample.md");

        Assert.Equal("sample", prompt.Name);
        Assert.Equal("A sample prompt.", prompt.Description);
        Assert.Equal(["digest", "note"], prompt.InputVariables.Select(v => v.Name));
        Assert.True(prompt.InputVariables[0].IsRequired);
        Assert.False(prompt.InputVariables[1].IsRequired);
        Assert.Equal(5, prompt.InputVariables[0].Line);
        Assert.Equal(["list_signatures", "read_agent_file"], prompt.Tools);
        Assert.Equal(PromptOutputs.Text, prompt.Output);
        Assert.Null(prompt.LessonPhase);
        Assert.Equal(["system", "user"], prompt.Messages.Select(m => m.Role));
        Assert.Equal(15, prompt.Messages[0].FirstLine);
    }

    [Fact]
    public void Parse_ExecutionSettings_ReachTheKernelSettings()
    {
        var prompt = PromptFileReader.Parse(Broken("output: text", "output: text\nexecution_settings:\n  default:\n    temperature: 0.2\n    max_tokens: 4000"), "sample.md");

        var settings = prompt.SettingsFor();
        Assert.NotNull(settings);
        Assert.Equal("0.2", settings.ExtensionData!["temperature"].ToString());
        Assert.Equal("4000", settings.ExtensionData!["max_tokens"].ToString());
    }

    [Fact]
    public void Parse_PhasePrefix_MapsToItsLessonPhase()
    {
        string text = Broken("name: sample", "name: phase2_sample");

        Assert.Equal(LessonPhase.Diagnose, PromptFileReader.Parse(text, "phase2_sample.md").LessonPhase);
    }

    [Fact]
    public void Parse_NoFrontMatter_NamesLineOne() =>
        Assert.Equal("sample.md:1: a prompt file starts with YAML front matter between two '---' lines.", ErrorOf("<message role=\"user\">\nhi\n</message>\n"));

    [Fact]
    public void Parse_BadYaml_NamesTheFileLine()
    {
        string message = ErrorOf(Broken("tools: [list_signatures, read_agent_file]", "tools: [list_signatures, read_agent_file"));

        Assert.StartsWith("sample.md:12: bad YAML front matter", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingName_IsAnError() =>
        Assert.StartsWith("sample.md:2: the front matter has no 'name'", ErrorOf(Broken("name: sample\n", "")), StringComparison.Ordinal);

    [Fact]
    public void Parse_MissingOutput_IsAnError() =>
        Assert.Contains("the front matter has no 'output'", ErrorOf(Broken("output: text\n", "")), StringComparison.Ordinal);

    [Fact]
    public void Parse_NameNotMatchingTheFile_IsAnError() =>
        Assert.Equal("other.md:2: name 'sample' must match the file name 'other'.", ErrorOf(PromptFixtures.Valid, "other.md"));

    [Fact]
    public void Parse_UnknownKey_NamesItsLine() =>
        Assert.StartsWith("sample.md:13: unknown front matter key 'outptu'", ErrorOf(Broken("output: text", "output: text\noutptu: text")), StringComparison.Ordinal);

    [Fact]
    public void Parse_UnknownTool_NamesItsLine() =>
        Assert.StartsWith("sample.md:11: tool 'delete_everything' does not exist", ErrorOf(Broken("read_agent_file]", "delete_everything]")), StringComparison.Ordinal);

    [Fact]
    public void Parse_UnknownOutput_NamesItsLine() =>
        Assert.StartsWith("sample.md:12: output 'Essay' is not a known answer shape", ErrorOf(Broken("output: text", "output: Essay")), StringComparison.Ordinal);

    [Fact]
    public void Parse_VariableWithoutDescription_IsAnError() =>
        Assert.StartsWith("sample.md:8: the front matter has no 'description'", ErrorOf(Broken("    description: An optional note.\n", "")), StringComparison.Ordinal);

    [Fact]
    public void Parse_BadTemperature_NamesItsLine() =>
        Assert.Equal(
            "sample.md:15: temperature must be a number from 0 to 2.",
            ErrorOf(Broken("output: text", "output: text\nexecution_settings:\n  default:\n    temperature: hot")));

    [Fact]
    public void Parse_TemplateThatDoesNotParse_NamesTheBodyLine() =>
        Assert.StartsWith("sample.md:19: template error:", ErrorOf(Broken("{{ digest }}", "{{ digest ( }}")), StringComparison.Ordinal);

    [Fact]
    public void Parse_UndeclaredVariable_NamesTheLineThatUsesIt() =>
        Assert.Equal(
            "sample.md:19: the template uses 'digets' but input_variables does not declare it.",
            ErrorOf(Broken("{{ digest }}", "{{ digets }}")));

    [Fact]
    public void Parse_TemplateLocalsAndBuiltins_AreNotInputs()
    {
        string text = Broken("{{ digest }}", "{{ count = 2 }}{{ parts = digest | string.split \"x\" }}{{ for part in parts }}{{ part | string.upcase }} {{ for.index }}{{ end }}{{ count }}");

        Assert.Equal(["digest", "note"], PromptFileReader.Parse(text, "sample.md").InputVariables.Select(v => v.Name));
    }

    [Fact]
    public void Parse_DeclaredInputNeverUsed_NamesItsDeclaration() =>
        Assert.Equal(
            "sample.md:8: input 'note' is declared but the template never uses it.",
            ErrorOf(Broken("{{ if note }} ({{ note }}){{ end }}", "")));

    [Fact]
    public void Parse_DeclaringLessons_IsAnError() =>
        Assert.Contains("'lessons' is filled from the lesson book", ErrorOf(Broken("name: note", "name: lessons")), StringComparison.Ordinal);

    [Fact]
    public void Parse_PhasePromptWithoutLessons_IsAnError()
    {
        string text = Broken("name: sample", "name: phase1_sample").Replace("{{ lessons }}\n", "", StringComparison.Ordinal);

        Assert.Equal("phase1_sample.md:14: a phase prompt must show its lessons: add {{ lessons }} to a message.", ErrorOf(text, "phase1_sample.md"));
    }

    [Fact]
    public void Parse_TextOutsideMessages_NamesItsLine() =>
        Assert.StartsWith("sample.md:18: text outside a message block", ErrorOf(Broken("</message>\n<message role=\"user\">", "</message>\nstray\n<message role=\"user\">")), StringComparison.Ordinal);

    [Fact]
    public void Parse_UnclosedMessage_NamesWhereItOpens() =>
        Assert.Equal("sample.md:18: this <message> is never closed with </message>.", ErrorOf(PromptFixtures.Valid[..PromptFixtures.Valid.LastIndexOf("</message>", StringComparison.Ordinal)]));

    [Fact]
    public void Parse_UnknownRole_NamesItsLine() =>
        Assert.StartsWith("sample.md:18: message role 'robot'", ErrorOf(Broken("<message role=\"user\">", "<message role=\"robot\">")), StringComparison.Ordinal);
}
