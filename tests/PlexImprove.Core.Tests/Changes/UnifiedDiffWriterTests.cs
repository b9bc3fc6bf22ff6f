using System.Text;
using PlexImprove.Core.Changes.Patches;
using Xunit;

namespace PlexImprove.Core.Tests.Changes;

public sealed class UnifiedDiffWriterTests
{
    [Fact]
    public void Write_OneChangedLine_GivesAHunkWithThreeLinesOfContext()
    {
        var before = "a\nb\nc\nd\ne\nf\ng\nh\n"u8.ToArray();
        var after = "a\nb\nc\nd\nE\nf\ng\nh\n"u8.ToArray();

        var diff = UnifiedDiffWriter.Write("X.bundle/Contents/Code/x.py", before, after);

        Assert.Equal("--- a/X.bundle/Contents/Code/x.py\n+++ b/X.bundle/Contents/Code/x.py\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n", diff);
    }

    [Fact]
    public void Write_ThenApply_GivesBackTheNewFile_ForManyRandomEdits()
    {
        var random = new Random(20260302);
        for (var round = 0; round < 200; round++)
        {
            var lines = Enumerable.Range(0, random.Next(0, 40)).Select(_ => $"line {random.Next(0, 8)}").ToList();
            var edited = new List<string>(lines);
            for (var edit = random.Next(1, 5); edit > 0; edit--)
            {
                var at = random.Next(0, edited.Count + 1);
                switch (random.Next(3))
                {
                    case 0:
                        edited.Insert(at, $"new {random.Next(0, 8)}");
                        break;
                    case 1 when at < edited.Count:
                        edited.RemoveAt(at);
                        break;
                    default:
                        if (at < edited.Count)
                        {
                            edited[at] = $"changed {random.Next(0, 8)}";
                        }

                        break;
                }
            }

            var before = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
            var after = Encoding.UTF8.GetBytes(string.Concat(edited.Select(l => l + "\n")));
            var diff = UnifiedDiffWriter.Write("f.py", before, after);
            if (diff.Length == 0)
            {
                Assert.Equal(before, after);
                continue;
            }

            var patch = PatchReader.Parse(Encoding.UTF8.GetBytes(diff));
            Assert.Equal(after, PatchApplier.Apply(patch.Files.Single(), before, "f.py"));
        }
    }
}
