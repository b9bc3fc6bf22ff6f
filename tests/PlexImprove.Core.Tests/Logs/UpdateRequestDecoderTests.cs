using Xunit;
using System.Text;
using PlexImprove.Core.Logs;

namespace PlexImprove.Core.Tests.Logs;

public sealed class UpdateRequestDecoderTests
{
    [Fact]
    public void TryGetRatingKey_ReadsTheDbidOfARealUpdateRequest()
    {
        const string message = "Handling request GET /:/plugins/com.plexapp.agents.GayAdultFilms/messaging/function/X0FnZW50S2l0OlVwZGF0ZU1ldGFkYXRh/Y2VyZWFsMQoxCmxpc3QKMApyMAo_/Y2VyZWFsMQoxCmRpY3QKMTAKczIKZW5zNApsYW5nYjFzNQpmb3JjZWIwczgKcGVyaW9kaWNzMQoxczQKZGJpZGkwCnM3CnZlcnNpb25uczEwCnBhcmVudEdVSURuczgKcGFyZW50SURzNQpNb3ZpZXMxMAptZWRpYV90eXBlczQ0CmNvbS5wbGV4YXBwLmFnZW50cy5HYXlBZHVsdEZpbG1zOi8vMT9sYW5nPWVuczQKZ3VpZHMxCjFzMgppZHIwCg__";

        Assert.Equal("1", UpdateRequestDecoder.TryGetRatingKey(Encoding.UTF8.GetBytes(message)));
    }

    [Fact]
    public void TryGetRatingKey_ReadsMultiDigitKeys()
    {
        var dump = "cereal1\n1\ndict\n2\ns5\n12345s4\ndbids2\nens4\nlangr0\n";
        var args = Convert.ToBase64String(Encoding.ASCII.GetBytes(dump)).Replace('+', '-').Replace('/', '_').Replace('=', '_');
        var message = $"Found route matching /:/plugins/x/messaging/function/X0FnZW50S2l0OlVwZGF0ZU1ldGFkYXRh/Y2VyZWFsMQoxCmxpc3QKMApyMAo_/{args}";

        Assert.Equal("12345", UpdateRequestDecoder.TryGetRatingKey(Encoding.UTF8.GetBytes(message)));
    }

    [Theory]
    [InlineData("Handling request GET /:/plugins/x/messaging/function/X0FnZW50S2l0OlVwZGF0ZU1ldGFkYXRh/!!notbase64!!")]
    [InlineData("Handling request GET /:/plugins/x/messaging/function/X0FnZW50S2l0OlVwZGF0ZU1ldGFkYXRh/")]
    [InlineData("Searching for matches for {'id': '1'}")]
    public void TryGetRatingKey_ReturnsNullWhenTheRequestSaysNothing(string message)
    {
        Assert.Null(UpdateRequestDecoder.TryGetRatingKey(Encoding.UTF8.GetBytes(message)));
    }
}
