using System.Diagnostics;
using System.Text.Json;
using PlexImprove.Agent.Tests.Llm;
using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary><c>diagnose</c> and <c>chat</c> in a real child process, against a scripted OpenAI-compatible server on loopback.</summary>
public sealed class AgentHostCommandsTests
{
    private const string Agent = "com.plexapp.agents.AEBN";
    private const string CodePath = "AEBN.bundle/Contents/Code/__init__.py";
    private const string Code = "def fetch(url):\n    return HTML.ElementFromURL(url, timeout=20)\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_WithoutAnLlm_SaysHowToConfigureOneAndExits2()
    {
        using var home = Home();

        var result = await CliRunner.RunAsync(home.Path, "chat");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no LLM is configured", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Llm:Provider", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--llm-endpoint", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_WithPipedInput_StreamsAnswersAndSavesTheHistory()
    {
        using var home = Home();
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text("Searches fail because the site answers 403."));

        var result = await RunWithInputAsync(home.Path, "/tools\nWhy do searches fail?\n/budget\n/exit\n",
            "chat", "--llm-endpoint", server.Endpoint.ToString(), "--llm-model", "test-model", "--work", home.File("work"), "--plugins", home.File("Plug-ins"), "--logs", RepositoryPaths.SampleLogs());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Searches fail because the site answers 403.", result.Stdout.Trim());
        Assert.Contains("apply_patch (writer, asks first)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Budget: 120 tokens in 1 requests", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("you>", result.Stderr, StringComparison.Ordinal);
        var chatFiles = Directory.GetFiles(home.File(Path.Combine("work", "chat")));
        Assert.Contains(chatFiles, f => f.EndsWith(".json", StringComparison.Ordinal));
        Assert.Contains(chatFiles, f => f.EndsWith("_transcript.jsonl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Diagnose_WithTheLlmBrain_WritesAVerifiedReportAndLeavesThePluginsUntouched()
    {
        using var home = Home();
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text(Answer()));

        var result = await CliRunner.RunAsync(home.Path, PythonEnvironment(),
            "diagnose", "--brain", "llm", "--llm-endpoint", server.Endpoint.ToString(), "--llm-model", "test-model",
            "--logs", RepositoryPaths.SampleLogs(), "--plugins", home.File("Plug-ins"), "--work", home.File("work"), "--out", home.File("report.json"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Diagnosis by llm:test-model: 1 fix(es), 1 applicable", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(Agent, server.MessagesText(0), StringComparison.Ordinal);
        Assert.Equal(Code, File.ReadAllText(home.File(Path.Combine("Plug-ins", CodePath))));
        string run = home.File(Path.Combine("work", "iteration_1"));
        foreach (var file in new[] { "diagnostic_report.json", "diagnostic_report.md", "aggregated_logs.md", "metrics.json", "llm_transcript.jsonl", "plex-improve.log" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file + " is missing");
        }

        var fix = JsonDocument.Parse(File.ReadAllText(home.File("report.json"))).RootElement.GetProperty("fixes")[0];
        Assert.True(fix.GetProperty("verification").GetProperty("applicable").GetBoolean());
    }

    [Fact]
    public async Task Diagnose_EveryProposalRejected_SaysHowManyAndWhy_InsteadOfABareZero()
    {
        using var home = Home();
        const string ghost = "Ghost.bundle/Contents/Code/__init__.py";
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text(Answer(ghost)), FakeReply.Text(Answer(ghost)));

        var result = await CliRunner.RunAsync(home.Path, PythonEnvironment(),
            "diagnose", "--brain", "llm", "--llm-endpoint", server.Endpoint.ToString(), "--llm-model", "test-model",
            "--logs", RepositoryPaths.SampleLogs(), "--plugins", home.File("Plug-ins"), "--work", home.File("work"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Diagnosis by llm:test-model: 0 fix(es), 0 applicable, 1 rejected;", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  rejected: aebn-timeout — ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"'{ghost}' does not exist", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_EndpointUnreachable_Exits2NamingTheEndpoint()
    {
        using var home = Home();
        var server = await FakeOpenAiServer.StartAsync();
        string endpoint = server.Endpoint.ToString();
        await server.DisposeAsync();

        var result = await CliRunner.RunAsync(home.Path, new Dictionary<string, string> { ["PLEXIMPROVE__Llm__Retries"] = "1" },
            "diagnose", "--llm-endpoint", endpoint, "--llm-model", "test-model",
            "--logs", RepositoryPaths.SampleLogs(), "--plugins", home.File("Plug-ins"), "--work", home.File("work"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(endpoint, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_EndpointAnsweringAnHtmlPage_Exits2WithOneMessageAndNoStackTrace()
    {
        using var home = Home();
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Body("<html><title>Sign in</title></html>", "text/html"));

        var result = await CliRunner.RunAsync(home.Path, new Dictionary<string, string>(),
            "diagnose", "--llm-endpoint", server.Endpoint.ToString(), "--llm-model", "test-model",
            "--logs", RepositoryPaths.SampleLogs(), "--plugins", home.File("Plug-ins"), "--work", home.File("work"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a chat completion", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(Code, File.ReadAllText(home.File(Path.Combine("Plug-ins", CodePath))));
    }

    [Fact]
    public async Task Diagnose_RetryAfterOfAnHour_IsRefusedAtOnceOnStderr_Exit1()
    {
        using var home = Home();
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Failure(429, retryAfterSeconds: "3600"));

        var result = await CliRunner.RunAsync(home.Path, new Dictionary<string, string>(),
            "diagnose", "--llm-endpoint", server.Endpoint.ToString(), "--llm-model", "test-model",
            "--logs", RepositoryPaths.SampleLogs(), "--plugins", home.File("Plug-ins"), "--work", home.File("work"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("3600 s", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Llm:MaxRetryAfterSeconds", result.Stderr, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    private static TempDirectory Home()
    {
        var home = new TempDirectory();
        string root = RepositoryPaths.Root();
        Directory.CreateDirectory(home.File("prompts"));
        foreach (var file in Directory.GetFiles(Path.Combine(root, "prompts"), "*.md"))
        {
            File.Copy(file, Path.Combine(home.File("prompts"), Path.GetFileName(file)));
        }

        string code = home.File(Path.Combine("Plug-ins", CodePath));
        Directory.CreateDirectory(Path.GetDirectoryName(code)!);
        File.WriteAllText(code, Code);
        return home;
    }

    private static Dictionary<string, string> PythonEnvironment()
    {
        string python = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr");
        return new Dictionary<string, string>
        {
            ["PLEXIMPROVE__Python27__Path"] = Path.Combine(python, "bin", "python2.7"),
            ["PLEXIMPROVE__Python27__Home"] = python,
        };
    }

    private static string Answer(string file = CodePath) => JsonSerializer.Serialize(new
    {
        schemaVersion = 1,
        fixes = new[]
        {
            new
            {
                id = "aebn-timeout",
                title = "Longer timeout",
                agents = new[] { Agent },
                rootCause = "Searches time out.",
                evidence = Array.Empty<object>(),
                expectedVsObserved = new { expected = "pages load", observed = "timeouts", divergencePoint = "fetch()" },
                patch = new { format = "edits", content = new[] { new { file, old = "timeout=20", @new = "timeout=60" } } },
                expectedResults = new[] { new { metric = "timeouts", direction = "decrease", target = 0.0, note = "" } },
                priority = "MEDIUM",
                confidence = 0.6,
            },
        },
    });

    /// <summary>Runs the CLI with <paramref name="input"/> piped to stdin, as a script would.</summary>
    private static async Task<CliResult> RunWithInputAsync(string homeDir, string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = homeDir,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "plex-improve.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PLEXIMPROVE_HOME"] = homeDir;
        start.Environment.Remove("PLEX_TOKEN");
        start.Environment.Remove("OPENAI_API_KEY");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
