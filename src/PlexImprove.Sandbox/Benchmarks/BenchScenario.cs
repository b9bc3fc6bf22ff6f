using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlexImprove.Sandbox.Benchmarks;

/// <summary>
/// A scenario for timing the sandbox itself: the demo's healthy control agent (HomoActive) and its site,
/// with a generated catalogue and library of <c>items</c> distinct films and no deliberate delays.
/// </summary>
public static class BenchScenario
{
    public const string Identifier = "com.plexapp.agents.HomoActive";

    /// <summary>Writes the scenario into <paramref name="target"/> from the built-in demo at <paramref name="demoRoot"/>.</summary>
    public static void Write(string demoRoot, string target, int items)
    {
        CopyTree(Path.Combine(demoRoot, "Plug-ins", "HomoActive.bundle"), Path.Combine(target, "Plug-ins", "HomoActive.bundle"));
        CopyTree(Path.Combine(demoRoot, "sites", "homoactive"), Path.Combine(target, "sites", "homoactive"));
        var catalog = new JsonArray();
        var files = new JsonArray();
        for (var i = 1; i <= items; i++)
        {
            var title = $"Bench Film {i:000}";
            catalog.Add(new JsonObject
            {
                ["id"] = $"bench-film-{i:000}",
                ["title"] = title,
                ["year"] = 2000 + (i % 25),
                ["studio"] = "Bench Studio",
                ["summary"] = $"{title}: a film generated for the sandbox benchmark.",
            });
            files.Add(new JsonObject { ["file"] = $"/data/Movies/(Bench Studio) - {title} ({2000 + (i % 25)}).mp4" });
        }

        File.WriteAllText(Path.Combine(target, "sites", "homoactive", "catalog.json"), catalog.ToJsonString());
        var demo = JsonNode.Parse(File.ReadAllText(Path.Combine(demoRoot, "scenario.json")))!;
        var site = demo["sites"]!.AsArray().First(s => s!["name"]!.GetValue<string>() == "homoactive")!.DeepClone();
        var manifest = new JsonObject
        {
            ["name"] = "bench",
            ["description"] = "The demo's healthy control agent over a generated library, for timing the sandbox.",
            ["sections"] = new JsonArray(new JsonObject { ["id"] = 1, ["title"] = "Bench Films", ["agent"] = Identifier, ["items"] = files }),
            ["sites"] = new JsonArray(site),
        };
        File.WriteAllText(Path.Combine(target, "scenario.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
