using System.Text;
using PlexImprove.Core.Changes.Patches;
using Xunit;

namespace PlexImprove.Core.Tests.Changes;

public sealed class PatchApplierTests
{
    private static byte[] Apply(string patch, string original, string path = "A.bundle/Contents/Code/__init__.py")
    {
        var document = PatchReader.Parse(Encoding.UTF8.GetBytes(patch));
        return PatchApplier.Apply(document.Files.Single(f => f.Path == path), Encoding.UTF8.GetBytes(original), path);
    }

    [Fact]
    public void UnifiedDiff_TwoHunks_AppliesBothAndKeepsTheRest()
    {
        var original = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"line {i}")) + "\n";
        const string patch = """
            --- a/A.bundle/Contents/Code/__init__.py
            +++ b/A.bundle/Contents/Code/__init__.py
            @@ -2,3 +2,3 @@
             line 2
            -line 3
            +line three
             line 4
            @@ -17,3 +17,4 @@
             line 17
             line 18
            +line 18.5
             line 19

            """;

        var result = Encoding.UTF8.GetString(Apply(patch, original));

        var expected = original.Replace("line 3\n", "line three\n", StringComparison.Ordinal).Replace("line 18\n", "line 18\nline 18.5\n", StringComparison.Ordinal);
        Assert.Equal(expected, result);
    }

    [Fact]
    public void UnifiedDiff_ContextDiffers_NamesTheFirstDifferingLine()
    {
        const string original = "a = 1\nb = 2\nc = 3\n";
        const string patch = """
            --- a/A.bundle/Contents/Code/__init__.py
            +++ b/A.bundle/Contents/Code/__init__.py
            @@ -1,3 +1,3 @@
             a = 1
            -b = 5
            +b = 6
             c = 3
            """;

        var error = Assert.Throws<PatchRejectedException>(() => Apply(patch, original));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"b = 2\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"b = 5\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnifiedDiff_WrongStartLine_AppliesWhereTheContextMatchesExactly()
    {
        const string original = "x = 0\ny = 0\na = 1\nb = 2\nc = 3\n";
        const string patch = """
            --- A.bundle/Contents/Code/__init__.py
            +++ A.bundle/Contents/Code/__init__.py
            @@ -1,3 +1,3 @@
             a = 1
            -b = 2
            +b = 20
             c = 3
            """;

        Assert.Equal("x = 0\ny = 0\na = 1\nb = 20\nc = 3\n", Encoding.UTF8.GetString(Apply(patch, original)));
    }

    [Fact]
    public void UnifiedDiff_SeveralFiles_ParsesEachWithoutGitPrefixes()
    {
        const string patch = """
            diff --git a/A.bundle/Contents/Code/__init__.py b/A.bundle/Contents/Code/__init__.py
            --- a/A.bundle/Contents/Code/__init__.py
            +++ b/A.bundle/Contents/Code/__init__.py
            @@ -1 +1 @@
            -a = 1
            +a = 2
            diff --git a/B.bundle/Contents/Code/utils.py b/B.bundle/Contents/Code/utils.py
            --- a/B.bundle/Contents/Code/utils.py
            +++ b/B.bundle/Contents/Code/utils.py
            @@ -1 +1 @@
            -b = 1
            +b = 2
            """;

        var document = PatchReader.Parse(Encoding.UTF8.GetBytes(patch));

        Assert.Equal(PatchFormat.UnifiedDiff, document.Format);
        Assert.Equal(["A.bundle/Contents/Code/__init__.py", "B.bundle/Contents/Code/utils.py"], document.Files.Select(f => f.Path));
    }

    [Fact]
    public void UnifiedDiff_CrlfFile_AddedLinesGetCrlfAndOtherBytesStay()
    {
        var original = new byte[] { (byte)'a', 0xE9, (byte)'\r', (byte)'\n', (byte)'b', (byte)'\r', (byte)'\n', (byte)'c', (byte)'\r', (byte)'\n' };
        var patch = "--- A.bundle/Contents/Code/__init__.py\n+++ A.bundle/Contents/Code/__init__.py\n@@ -2,2 +2,3 @@\n b\n+inserted\n c\n"u8.ToArray();
        var document = PatchReader.Parse(patch);

        var result = PatchApplier.Apply(document.Files[0], original, "x");

        Assert.Equal([(byte)'a', 0xE9, .. "\r\nb\r\ninserted\r\nc\r\n"u8.ToArray()], result);
    }

    [Fact]
    public void SearchReplace_TextOccursTwice_RejectedSayingHowOften()
    {
        const string patch = """{"edits": [{"file": "A.bundle/Contents/Code/__init__.py", "search": "x = 1", "replace": "x = 2"}]}""";

        var error = Assert.Throws<PatchRejectedException>(() => Apply(patch, "x = 1\ny = 0\nx = 1\n"));

        Assert.Contains("occurs 2 times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchReplace_TextMissing_RejectedSayingZeroTimes()
    {
        const string patch = """{"edits": [{"file": "A.bundle/Contents/Code/__init__.py", "search": "nope", "replace": "x"}]}""";

        var error = Assert.Throws<PatchRejectedException>(() => Apply(patch, "x = 1\n"));

        Assert.Contains("occurs 0 times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchReplace_Blocks_ReplaceTheOneOccurrence()
    {
        const string patch = """
            A.bundle/Contents/Code/__init__.py
            <<<<<<< SEARCH
            headers = {}
            =======
            headers = {'User-Agent': 'Mozilla/5.0'}
            >>>>>>> REPLACE
            """;

        var result = Encoding.UTF8.GetString(Apply(patch, "import re\nheaders = {}\nrun(headers)\n"));

        Assert.Equal("import re\nheaders = {'User-Agent': 'Mozilla/5.0'}\nrun(headers)\n", result);
    }

    [Fact]
    public void SearchReplace_LfEditOnCrlfFile_MatchesAndKeepsCrlf()
    {
        const string patch = """{"edits": [{"file": "A.bundle/Contents/Code/__init__.py", "search": "a = 1\nb = 2\n", "replace": "a = 1\nb = 3\n"}]}""";

        var result = Encoding.UTF8.GetString(Apply(patch, "a = 1\r\nb = 2\r\nc = 3\r\n"));

        Assert.Equal("a = 1\r\nb = 3\r\nc = 3\r\n", result);
    }

    [Fact]
    public void PatchReader_Garbage_IsAFormatError()
    {
        var error = Assert.Throws<PatchFormatException>(() => PatchReader.Parse("just some words"u8.ToArray()));
        Assert.Contains("The patch is neither a unified diff", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnifiedDiff_CreatingAFile_IsRefused()
    {
        const string patch = "--- /dev/null\n+++ b/A.bundle/Contents/Code/new.py\n@@ -0,0 +1 @@\n+x = 1\n";

        var error = Assert.Throws<PatchFormatException>(() => PatchReader.Parse(Encoding.UTF8.GetBytes(patch)));
        Assert.Contains("The patch creates or deletes a file ('b/A.bundle/Contents/Code/new.py')", error.Message, StringComparison.Ordinal);
    }
}
