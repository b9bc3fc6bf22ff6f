using System.ComponentModel;
using Microsoft.SemanticKernel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PlexImprove.Agent.Tools;
using PlexImprove.Core.Redaction;
using PlexImprove.Mcp.Tools;
using Xunit;

namespace PlexImprove.Mcp.Tests.Tools;

/// <summary>How a tool's answer becomes MCP content, on a kernel function written for the test.</summary>
public sealed class AgentMcpToolTests
{
    [Fact]
    public void ToResult_AStringIsPlainText_WithSecretsMasked()
    {
        var tool = CreateSut(new SecretRedactor(["token-123456"]));

        var result = tool.ToResult("line one\nsaw token-123456");

        Assert.Equal("line one\nsaw <redacted>", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.Null(result.StructuredContent);
    }

    [Fact]
    public void ToResult_JsonTextAlsoGoesOutAsStructuredContent_AListUnderResult()
    {
        var tool = CreateSut(SecretRedactor.Shared);

        var obj = tool.ToResult("""{"agent":"AEBN","count":3}""");
        var list = tool.ToResult("""[{"signature":"HTTP 403"}]""");

        Assert.Equal(3, obj.StructuredContent!.Value.GetProperty("count").GetInt32());
        Assert.Equal("HTTP 403", list.StructuredContent!.Value.GetProperty("result")[0].GetProperty("signature").GetString());
    }

    [Fact]
    public void ToResult_AnErrorLineBecomesAnErrorTheClientReads()
    {
        var tool = CreateSut(SecretRedactor.Shared);

        var error = Assert.Throws<McpException>(() => tool.ToResult("Error: the path '../x' is outside the Plug-ins folder."));

        Assert.Equal("the path '../x' is outside the Plug-ins folder.", error.Message);
    }

    [Fact]
    public void ProtocolTool_CarriesTheCanonicalNameDescriptionParametersAndHints()
    {
        var tool = CreateSut(SecretRedactor.Shared);

        var protocol = tool.ProtocolTool;

        Assert.Equal(ToolNames.ReadLessons, protocol.Name);
        Assert.Equal("Reads the lessons.", protocol.Description);
        Assert.Equal("The phase.", protocol.InputSchema.GetProperty("properties").GetProperty("phase").GetProperty("description").GetString());
        Assert.True(protocol.Annotations?.ReadOnlyHint);
        Assert.True(protocol.Annotations?.IdempotentHint);
    }

    private static AgentMcpTool CreateSut(SecretRedactor redactor)
    {
        var function = KernelFunctionFactory.CreateFromMethod(
            ([Description("The phase.")] string phase) => "lessons of " + phase,
            ToolNames.ReadLessons,
            "Reads the lessons.");
        var tool = new AgentTool
        {
            Name = ToolNames.ReadLessons,
            Description = function.Description,
            Access = ToolAccess.ReadOnly,
            Idempotent = true,
            Function = function,
        };
        return new AgentMcpTool(tool, new Kernel(), new WritePolicy(allowWrites: false), redactor);
    }
}
