using System.Text.Json;
using PlexImprove.Agent.Reflection;
using PlexImprove.Loop.PostMortem;
using PlexImprove.Loop.State;
using PlexImprove.Testing;

namespace PlexImprove.Loop.Tests.PostMortem;

/// <summary>The post-mortem's decision is an enum in code and snake_case in <c>post_mortem_analysis.json</c>, as it always was.</summary>
public sealed class OutcomeStatusJsonTests
{
    /// <summary>A file written when the status was a plain string.</summary>
    private const string OldFile = """
        {
          "schemaVersion": 1,
          "iteration": 2,
          "interventions": [
            { "fixId": "http-403-headers-gevi", "title": "Send browser headers", "agents": ["com.plexapp.agents.GEVI"], "status": "rolled_back", "reason": "success fell" },
            { "fixId": "title-typography-aebn", "title": "Compare titles", "agents": ["com.plexapp.agents.AEBN"], "status": "not_applicable" },
            { "fixId": "selector-healing-gayempire", "title": "Read both layouts", "agents": ["com.plexapp.agents.GayEmpire"], "status": "kept" }
          ]
        }
        """;

    [Fact]
    public void Read_FileWrittenWithStringStatuses_LoadsEachAsItsEnumValue()
    {
        using var dir = new TempDirectory();
        dir.Write(PostMortemWriter.FileStem + ".json", OldFile);

        var report = PostMortemWriter.Read(dir.Path);

        Assert.NotNull(report);
        Assert.Equal([OutcomeStatus.RolledBack, OutcomeStatus.NotApplicable, OutcomeStatus.Kept], report.Interventions.Select(e => e.Status));
    }

    [Fact]
    public void WriteThenRead_EveryStatus_IsWrittenInSnakeCaseAndReadBackUnchanged()
    {
        using var dir = new TempDirectory();
        var all = Enum.GetValues<OutcomeStatus>();
        var report = new PostMortemReport
        {
            Iteration = 1,
            Interventions = [.. all.Select(s => new PostMortemEntry { FixId = "fix-" + (int)s, Title = "t", Agents = ["a"], Status = s })],
        };

        PostMortemWriter.Write(dir.Path, report);
        var json = File.ReadAllText(dir.File(PostMortemWriter.FileStem + ".json"));
        var back = PostMortemWriter.Read(dir.Path);

        Assert.Contains("\"status\": \"rolled_back\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"not_applicable\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("RolledBack", json, StringComparison.Ordinal);
        Assert.Equal(all, back!.Interventions.Select(e => e.Status));
        Assert.Contains("final decision: rolled_back", File.ReadAllText(dir.File(PostMortemWriter.FileStem + ".md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StatusAsANumberOrUnknownWord_IsRefusedAsInvalidJson()
    {
        using var dir = new TempDirectory();
        dir.Write(PostMortemWriter.FileStem + ".json", OldFile.Replace("\"kept\"", "2", StringComparison.Ordinal));
        var number = Assert.Throws<JsonException>(() => PostMortemWriter.Read(dir.Path));
        Assert.Contains("could not be converted", number.Message, StringComparison.Ordinal);

        dir.Write(PostMortemWriter.FileStem + ".json", OldFile.Replace("\"kept\"", "\"approved\"", StringComparison.Ordinal));
        var unknownWord = Assert.Throws<JsonException>(() => PostMortemWriter.Read(dir.Path));
        Assert.Contains("could not be converted", unknownWord.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutcomeOf_EveryFixState_NamesTheSameDecision()
    {
        foreach (var state in Enum.GetValues<FixState>())
        {
            Assert.Equal(FixStateOnTheWire(state), Core.Json.SnakeCaseName.Of(PostMortemBuilder.OutcomeOf(state)));
        }
    }

    private static string FixStateOnTheWire(FixState state) => JsonSerializer.Serialize(state, LoopJson.Options).Trim('"');
}
