using System.Text;
using Xunit;
using PlexImprove.Core.Signatures;

namespace PlexImprove.Core.Tests.Signatures;

public sealed class FailureEventCacheTests
{
    [Fact]
    public void RepeatedBytes_GiveTheSameDescription()
    {
        var cache = new FailureEventCache();

        var first = cache.Describe(null, "Error: cannot reach www.aebn.com"u8, []);
        var again = cache.Describe(null, "Error: cannot reach www.aebn.com"u8, []);

        Assert.NotNull(first);
        Assert.Same(first, again);
    }

    [Fact]
    public void MessageAndLastLine_CannotTradeBytes()
    {
        var cache = new FailureEventCache();

        var split1 = cache.Describe(null, "Error: page ab"u8, "KeyError: c"u8);
        var split2 = cache.Describe(null, "Error: page a"u8, "bKeyError: c"u8);

        Assert.NotEqual(split1!.Template, split2!.Template);
    }

    [Fact]
    public void TheCountedKind_IsPartOfTheKey()
    {
        var cache = new FailureEventCache();

        var byText = cache.Describe(null, "Error: no results for this title"u8, []);
        var counted = cache.Describe(SignatureKind.NoResults, "Error: no results for this title"u8, []);

        Assert.Equal(SignatureKind.Other, byText!.Kind);
        Assert.Equal(SignatureKind.NoResults, counted!.Kind);
    }

    [Fact]
    public void NotAFailure_IsRememberedAsNotAFailure()
    {
        var cache = new FailureEventCache();

        Assert.Null(cache.Describe(null, "Loaded 3 items"u8, []));
        Assert.Null(cache.Describe(null, "Loaded 3 items"u8, []));
    }

    [Fact]
    public void SameTraceback_InASearchAndAnUpdate_AreTwoCrashes()
    {
        var cache = new FailureEventCache();
        var traceback = "  File \"/x/AEBN.bundle/Contents/Code/__init__.py\", line 9, in fetch\nHTTPError: HTTP Error 403: Forbidden"u8;

        var search = cache.Crash("search", traceback, "HTTPError: HTTP Error 403: Forbidden"u8);
        var update = cache.Crash("update", traceback, "HTTPError: HTTP Error 403: Forbidden"u8);

        Assert.StartsWith("search crashed in fetch", search.Failure.Template, StringComparison.Ordinal);
        Assert.StartsWith("update crashed in fetch", update.Failure.Template, StringComparison.Ordinal);
        Assert.Equal("HTTPError", search.ExceptionType);
        Assert.Same(search, cache.Crash("search", traceback, "HTTPError: HTTP Error 403: Forbidden"u8));

        // Any kind name keys on its own, not only the two the analyzer uses today.
        Assert.StartsWith("refresh crashed in fetch", cache.Crash("refresh", traceback, "HTTPError: HTTP Error 403: Forbidden"u8).Failure.Template, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeTracebacks_KeepTheCacheBounded_AndStillDescribeRight()
    {
        var cache = new FailureEventCache();
        var padding = new string('x', 200 * 1024);
        for (int i = 0; i < 200; i++)
        {
            var traceback = Encoding.UTF8.GetBytes($"  File \"/x/A.bundle/Contents/Code/__init__.py\", line {i}, in step{i}\n{padding}\nValueError: {i}");
            var crash = cache.Crash("update", traceback, Encoding.UTF8.GetBytes($"ValueError: {i}"));

            Assert.StartsWith($"update crashed in step{i}", crash.Failure.Template, StringComparison.Ordinal);
            Assert.InRange(cache.KeyBytes, 1, FailureEventCache.MaxKeyBytes);
        }
    }
}
