using System.ComponentModel;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Brains.Llm;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Prompts;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Digest;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Metrics;
using PlexImprove.Python.Gate;

namespace PlexImprove.Agent.Tests.Llm;

/// <summary>
/// A Plug-ins folder with one small agent, its plugin log, lessons, and the LLM brain wired to a fake server,
/// with test tools: <c>read_agent_file</c> (confined to the Plug-ins root), <c>apply_patch</c> (counts calls) and
/// <c>preview_patch</c> (the real change engine and Python 2.7 gate, writing nothing).
/// </summary>
public sealed class LlmTestBed : IDisposable
{
    public const string Agent = "com.plexapp.agents.Sample";
    public const string CodePath = "Sample.bundle/Contents/Code/__init__.py";
    public const string ApiKey = "sk-test-0123456789abcdef0123456789";

    public const string AgentCode = """
        import re

        def Start():
            HTTP.CacheTime = CACHE_1DAY

        def fetch(url):
            return HTML.ElementFromURL(url, timeout=20)

        class SampleAgent(Agent.Movies):
            name = 'Sample'
            languages = [Locale.Language.English]

            def search(self, results, media, lang):
                page = fetch('https://sample.example/search?q=' + String.Quote(media.name))
                title = page.xpath('//h1[@class="title"]/text()')[0]
                results.Append(MetadataSearchResult(id=title, name=title, score=100, lang=lang))

        """;

    public const string Lessons = """
        ## diagnose
        - **DO** Pace requests when a fix unblocks a site. (id `diagnose-pace`, score 3, tags: http, 429)
          - evidence: iteration 1, fix sample-headers: http 429 per 100 sessions 0 → 37
        """;

    private readonly TempDirectory _folder = new();
    private readonly List<AgentKernel> _kernels = [];

    public LlmTestBed()
    {
        PluginsDir = _folder.File("Plug-ins");
        LogsDir = _folder.File("Logs");
        WorkDir = _folder.File("work");
        _folder.Write("Plug-ins/" + CodePath, AgentCode);
        _folder.Write("Logs/" + Agent + ".log", SampleLog());
        var aggregation = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = LogsDir, CollectSessions = true });
        Request = new DiagnosisRequest
        {
            Aggregation = aggregation,
            Digest = DigestWriter.Write(aggregation.Metrics),
            PluginsDir = PluginsDir,
            LogsDir = LogsDir,
            Agents = [Agent],
            Lessons = LessonBook.Parse(Lessons),
        };
    }

    public string PluginsDir { get; }
    public string LogsDir { get; }
    public string WorkDir { get; }
    public DiagnosisRequest Request { get; }
    public string TranscriptPath => Path.Combine(WorkDir, "iteration_1", "llm_transcript.jsonl");
    public int ApplyPatchCalls { get; private set; }
    public List<string> Warnings { get; } = [];

    public AgentKernel CreateKernel(FakeOpenAiServer server, Func<AgentKernelOptions, AgentKernelOptions>? configure = null, TimeSpan? requestTimeout = null, int retries = 2, bool withGate = false)
    {
        var connection = LlmConnection.Resolve(LlmProvider.OpenAI, server.Endpoint.ToString(), "test-model", ApiKey, requestTimeout ?? TimeSpan.FromSeconds(30), retries);
        var options = new AgentKernelOptions
        {
            Tools = Tools(withGate),
            TranscriptPath = TranscriptPath,
            LoggerFactory = LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(Warnings))),
        };
        var kernel = AgentKernelFactory.Create(connection, configure is null ? options : configure(options));
        _kernels.Add(kernel);
        return kernel;
    }

    /// <summary>The brain over the project's own phase prompts (<c>prompts/</c>).</summary>
    public LlmBrain CreateBrain(AgentKernel kernel) => new(kernel, PromptLibrary.Load(Path.Combine(RepositoryPaths.Root(), "prompts")));

    /// <summary>A valid model answer proposing one fix (an edit of the agent's code).</summary>
    public static string ValidAnswer(string file = CodePath, string old = "HTML.ElementFromURL(url, timeout=20)", string @new = "HTML.ElementFromURL(url, headers={'User-Agent': 'Mozilla/5.0'}, timeout=20)") =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            schemaVersion = 1,
            fixes = new[]
            {
                new
                {
                    id = "sample-headers",
                    title = "Send browser-like headers",
                    agents = new[] { Agent },
                    rootCause = "The site answers 403 to the Framework's default User-Agent.",
                    evidence = new[] { new { kind = "code", @ref = CodePath, excerpt = "HTML.ElementFromURL(url, timeout=20)" } },
                    expectedVsObserved = new { expected = "search pages load", observed = "HTTP 403", divergencePoint = "fetch()" },
                    patch = new { format = "edits", content = new[] { new { file, old, @new } } },
                    expectedResults = new[] { new { metric = "http.403", direction = "decrease", target = 0.0, note = "no more 403" } },
                    successIndicators = new[] { "searches succeed" },
                    failureIndicators = new[] { "403 persists" },
                    contingency = "roll back",
                    priority = "HIGH",
                    confidence = 0.8,
                    lessonsApplied = new[] { "diagnose-pace" },
                },
            },
            uncovered = Array.Empty<object>(),
            notes = Array.Empty<string>(),
        });

    public IReadOnlyList<KernelFunction> Tools(bool withGate)
    {
        var root = new PluginsRoot(PluginsDir);
        var tools = new List<KernelFunction>
        {
            KernelFunctionFactory.CreateFromMethod(
                ([Description("File path relative to the Plug-ins root.")] string path) =>
                {
                    try
                    {
                        var resolved = root.Resolve(path);
                        return File.Exists(resolved.FullPath) ? File.ReadAllText(resolved.FullPath) : $"Error: '{path}' does not exist in the Plug-ins folder.";
                    }
                    catch (PathConfinementException e)
                    {
                        return "Error: " + e.Message;
                    }
                },
                "read_agent_file",
                "Reads a file of an agent bundle."),
            KernelFunctionFactory.CreateFromMethod(
                ([Description("Fix id.")] string fix_id, [Description("The patch.")] string patch) =>
                {
                    ApplyPatchCalls++;
                    return "applied " + fix_id;
                },
                "apply_patch",
                "Applies a patch to agent code (writer)."),
        };
        if (withGate)
        {
            tools.Add(KernelFunctionFactory.CreateFromMethod(PreviewAsync, "preview_patch", "Checks a patch: applies cleanly, passes the Python 2.7 gate and Plex loader lint; writes nothing."));
        }

        return tools;

        async Task<string> PreviewAsync([Description("A unified diff or search/replace patch.")] string patch, CancellationToken cancellationToken)
        {
            var runtime = await TestPython.RuntimeAsync(cancellationToken);
            var engine = new ChangeEngine(root, new WorkFolder(WorkDir), new Python27CodeGate(runtime, new Python27CodeGateOptions()), TimeProvider.System);
            try
            {
                var outcome = await engine.PreviewPatchAsync(new ChangeRequest { FixId = "preview", Iteration = 1, Patch = Encoding.UTF8.GetBytes(patch), DryRun = true }, cancellationToken);
                var findings = string.Join("\n", outcome.Findings.Introduced.Select(f => f.ToString()));
                return outcome.Findings.Blocks ? $"Not applicable: the gate found\n{findings}" : $"Applicable: {outcome.Message}";
            }
            catch (PlexImproveException e)
            {
                return "Not applicable: " + e.Message;
            }
        }
    }

    public void Dispose()
    {
        foreach (var kernel in _kernels)
        {
            kernel.Dispose();
        }

        _folder.Dispose();
    }

    private static string SampleLog()
    {
        var log = new StringBuilder();
        var start = new DateTime(2026, 2, 5, 14, 5, 0);
        log.AppendLine($"{start:yyyy-MM-dd HH:mm:ss},100 (16e0e3000) :  INFO (core:654) - Starting framework core - Version: 2.6.3, Build: 4a8d5e3 (Mon Dec 16 12:00:00 UTC 2019)");
        for (int i = 0; i < 4; i++)
        {
            var t = start.AddSeconds(10 * (i + 1));
            log.AppendLine($"{t:yyyy-MM-dd HH:mm:ss},200 (17051{i}000) :  DEBUG (runtime:717) - Handling request GET /:/plugins/{Agent}/messaging/function/X0FnZW50S2l0OlNlYXJjaA__/Y2VyZWFsMQoxCmxpc3QKMApyMAo_");
            log.AppendLine($"{t:yyyy-MM-dd HH:mm:ss},300 (17051{i}000) :  DEBUG (agentkit:961) - Searching for matches for {{'id': '10{i}', 'name': 'Film {i}', 'year': 2010, 'lang': 'en', 'manual': False}}");
            log.AppendLine($"{t:yyyy-MM-dd HH:mm:ss},400 (17051{i}000) :  DEBUG (networking:166) - Requesting 'https://sample.example/search?q=Film+{i}'");
            log.AppendLine($"{t:yyyy-MM-dd HH:mm:ss},500 (17051{i}000) :  DEBUG (networking:211) - Error opening URL 'https://sample.example/search?q=Film+{i}'");
            log.AppendLine($"{t:yyyy-MM-dd HH:mm:ss},600 (17051{i}000) :  CRITICAL (agentkit:1016) - Exception in the search function of agent named 'Sample', called with keyword arguments {{}} (most recent call last):");
            log.AppendLine("  File \"/usr/lib/plexmediaserver/Resources/Plug-ins/Framework.bundle/Contents/Resources/Versions/2/Python/Framework/api/agentkit.py\", line 1011, in _search");
            log.AppendLine("HTTPError: HTTP Error 403: Forbidden");
        }

        return log.ToString();
    }

    private sealed class ListLoggerProvider(List<string> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(warnings);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning)
                {
                    lock (warnings)
                    {
                        warnings.Add(formatter(state, exception));
                    }
                }
            }
        }
    }
}
