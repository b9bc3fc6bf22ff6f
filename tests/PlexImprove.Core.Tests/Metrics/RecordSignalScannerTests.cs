using System.Text;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Metrics;
using Xunit;

namespace PlexImprove.Core.Tests.Metrics;

public sealed class RecordSignalScannerTests
{
    /// <summary>Each signal's texts, searched here one by one the plain way: the scanner must agree with this.</summary>
    private static readonly (RecordSignals Signal, string[] Texts, bool IgnoreCase)[] Expected =
    [
        (RecordSignals.FooterMark, [":: *"], false),
        (RecordSignals.PhaseTag, ["SEARCH::", "UPDATE::"], false),
        (RecordSignals.Resource, ["resource"], false),
        (RecordSignals.UpdateFunction, [Encoding.ASCII.GetString(UpdateRequest.FunctionToken)], false),
        (RecordSignals.ExceptionWord, ["Exception "], false),
        (RecordSignals.TimedOut, ["timed out"], true),
        (RecordSignals.HttpError, ["HTTP Error "], false),
        (RecordSignals.ModelReadError, ["Cannot read model from"], false),
        (RecordSignals.NoResults, ["Search Query did not pull any results"], false),
        (RecordSignals.MatchFailure, [" Match Failure! >"], false),
    ];

    public static TheoryData<string> EveryText() => [.. Expected.SelectMany(e => e.Texts)];

    [Theory]
    [MemberData(nameof(EveryText))]
    public void EachText_IsFound_AtEveryPositionOfTextsOfEveryLength(string text)
    {
        // Lengths and positions cross the short-text path, every block boundary and the overlapping last block.
        for (int length = text.Length; length <= text.Length + 70; length++)
        {
            for (int at = 0; at + text.Length <= length; at++)
            {
                var bytes = Encoding.ASCII.GetBytes(new string('.', at) + text + new string('.', length - at - text.Length));

                Assert.Equal(Search(bytes), RecordSignalScanner.Instance.Find(bytes));
                Assert.NotEqual(RecordSignals.None, RecordSignalScanner.Instance.Find(bytes));
            }
        }
    }

    [Theory]
    [InlineData("URLError: <urlopen error TIMED OUT>")]
    [InlineData("socket.timeout: Timed Out")]
    [InlineData("tImEd oUt")]
    public void TimedOut_IsFoundInAnyLetterCase(string text) =>
        Assert.Equal(RecordSignals.TimedOut, RecordSignalScanner.Instance.Find(Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData("")]
    [InlineData("Exception")]
    [InlineData("timed_out and timedout and timed  out")]
    [InlineData("SEARCH: and UPDATE:, HTTP Error, resourc e,Match Failure!>")]
    [InlineData("http error 404 and exception and cannot read model from and RESOURCE and search query did not pull any results")]
    public void NearMisses_AreNotSignals(string text) =>
        Assert.Equal(RecordSignals.None, RecordSignalScanner.Instance.Find(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void RandomTexts_GiveWhatSearchingEachTextGives()
    {
        // Texts built from pieces of the searched texts, their anchors and non-ASCII bytes, so anchors hit often and
        // many hits are not the text; seeded, so a failure repeats.
        var random = new Random(20261207);
        var pieces = Expected.SelectMany(e => e.Texts)
            .SelectMany(t => new[] { t, t[..(t.Length / 2)], t[(t.Length / 2)..], t.ToUpperInvariant() })
            .Concat([" ", "é", "::", "TP", "X0", " *", "e!", "Qu", "nn", "xc", "so", " o", "O", "\n", "0", "Q:", "e:", "ox", "\u007f", "ÿ"])
            .Select(Encoding.UTF8.GetBytes)
            .ToArray();
        for (int sample = 0; sample < 20_000; sample++)
        {
            var text = new List<byte>();
            int count = random.Next(0, 12);
            for (int piece = 0; piece < count; piece++)
            {
                text.AddRange(pieces[random.Next(pieces.Length)]);
            }

            var bytes = text.ToArray();
            Assert.Equal(Search(bytes), RecordSignalScanner.Instance.Find(bytes));
        }
    }

    private static RecordSignals Search(byte[] text)
    {
        var found = RecordSignals.None;
        foreach (var (signal, texts, ignoreCase) in Expected)
        {
            foreach (var needle in texts.Select(Encoding.ASCII.GetBytes))
            {
                for (int at = 0; at + needle.Length <= text.Length; at++)
                {
                    var candidate = text.AsSpan(at, needle.Length);
                    if (ignoreCase ? Ascii.EqualsIgnoreCase(candidate, needle) : candidate.SequenceEqual(needle))
                    {
                        found |= signal;
                    }
                }
            }
        }

        return found;
    }
}
