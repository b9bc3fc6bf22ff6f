using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol.Client;
using PlexImprove.Cli.Tests.TestSupport;
using PlexImprove.Testing;
using Xunit;

namespace PlexImprove.Cli.Tests.Install;

/// <summary>
/// The linux-x64 release archive, unpacked into an empty folder and run where there is no .NET SDK and no repository,
/// does everything a first-time user does: help, doctor, aggregate, Plex in a box, the MCP server and the demo.
/// </summary>
public sealed class PublishedArchiveTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(2);

    [Fact(Skip = PublishedArchive.SkipReason, SkipUnless = nameof(Enabled))]
    public async Task Archive_WithoutSdkOrRepository_RunsHelpDoctorAndAggregate()
    {
        var archive = await PublishedArchive.GetAsync();
        using var machine = new InstalledMachine();

        var help = await machine.RunAsync(archive.Program, ["--help"], Short);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("demo", help.Stdout, StringComparison.Ordinal);

        var doctor = await machine.RunAsync(archive.Program, ["doctor"], Short);
        Assert.True(doctor.ExitCode == 0, doctor.Stdout + doctor.Stderr);
        Assert.Contains($"{Path.Combine(archive.InstallDir, "prompts")} (6 prompt(s); Agent:PromptsDir, relative to the program's folder)", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(archive.InstallDir, "appsettings.json")} (loaded; the program's folder)", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(machine.Home, ".config", "plex-improve", "appsettings.json")} (not present; your config folder)", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(machine.DataDir, ".tools", "python2.7")} (provisioned; your data folder)", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("USED    project-local", doctor.Stdout, StringComparison.Ordinal);

        var logs = Path.Combine(machine.CurrentDir, "logs");
        CopyFolder(RepositoryPaths.SampleLogs(), logs);
        var aggregate = await machine.RunAsync(archive.Program, ["aggregate", "--logs", logs, "--json", "metrics.json"], Short);
        Assert.True(aggregate.ExitCode == 0, aggregate.Stderr);
        using var metrics = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(machine.CurrentDir, "metrics.json"), TestContext.Current.CancellationToken));
        Assert.True(metrics.RootElement.GetProperty("totals").GetProperty("searchesStarted").GetInt64() > 0);
    }

    [Fact(Skip = PublishedArchive.SkipReason, SkipUnless = nameof(Enabled))]
    public async Task Archive_SandboxUp_PlexStatusReadsTheTokenFromTheCurrentFoldersEnvFile()
    {
        var archive = await PublishedArchive.GetAsync();
        using var machine = new InstalledMachine();
        using var sandbox = Process.Start(machine.StartInfo(archive.Program, ["sandbox", "up", "--port", "0", "--json"]))!;

        // Drained from the start and awaited only once the box has ended: stderr ends when the box does, so awaiting it
        // earlier (even as an assertion's message) would wait until the box stopped and leave nothing to connect to.
        var errors = sandbox.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            var line = await sandbox.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Short, TestContext.Current.CancellationToken);
            if (line is null)
            {
                await sandbox.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.Fail($"sandbox up ended ({sandbox.ExitCode}) without printing its connection: {await errors}");
            }

            using var connection = JsonDocument.Parse(line);
            await File.WriteAllTextAsync(Path.Combine(machine.CurrentDir, ".env"), $"PLEX_TOKEN={connection.RootElement.GetProperty("token").GetString()}\n", TestContext.Current.CancellationToken);

            var status = await machine.RunAsync(archive.Program, ["plex", "status", "--url", connection.RootElement.GetProperty("url").GetString()!, "--logs", connection.RootElement.GetProperty("logsDir").GetString()!], Short);

            Assert.True(status.ExitCode == 0, status.Stdout + status.Stderr);
            Assert.Contains("com.plexapp.agents.", status.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(sandbox);
        }
    }

    [Fact(Skip = PublishedArchive.SkipReason, SkipUnless = nameof(Enabled))]
    public async Task Archive_Mcp_ListsTheTools()
    {
        var archive = await PublishedArchive.GetAsync();
        using var machine = new InstalledMachine();
        var start = machine.StartInfo(archive.Program, ["mcp"]);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "installed",
            Command = archive.Program,
            Arguments = ["mcp"],
            WorkingDirectory = machine.CurrentDir,
            EnvironmentVariables = start.Environment.ToDictionary(e => e.Key, e => e.Value),
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);

        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(tools, t => t.Name == "aggregate_logs");
        Assert.Contains(tools, t => t.Name == "read_lessons");
    }

    [Fact(Skip = PublishedArchive.SkipReason, SkipUnless = nameof(Enabled))]
    public async Task Archive_Demo_RunsTheWholeLoopToTheFinalReport()
    {
        var archive = await PublishedArchive.GetAsync();
        using var machine = new InstalledMachine();

        var demo = await machine.RunAsync(archive.Program, ["demo", "--work", "demo", "--json"], TimeSpan.FromMinutes(10));

        Assert.True(demo.ExitCode == 0, demo.Stderr);
        Assert.True(File.Exists(Path.Combine(machine.CurrentDir, "demo", "final_improvement_report.md")), demo.Stderr);
        using var state = JsonDocument.Parse(demo.Stdout);
        Assert.Equal("finished", state.RootElement.GetProperty("status").GetString());
    }

    [Fact(Skip = PublishedArchive.SkipReason, SkipUnless = nameof(Enabled))]
    public async Task DotnetTool_InstallsIntoAToolPathAndRunsDoctor()
    {
        var archive = await PublishedArchive.GetAsync();
        using var tools = new TempDirectory();
        using var machine = new InstalledMachine();
        var install = new ProcessStartInfo("dotnet", ["tool", "install", "PlexImprove", "--tool-path", tools.Path, "--add-source", archive.Artifacts, "--version", archive.Version])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(install)!)
        {
            var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, output + await errors);
        }

        // The tool needs the .NET runtime: the machine keeps dotnet on PATH here.
        var doctor = await machine.RunAsync(Path.Combine(tools.Path, "plex-improve"), ["doctor"], Short, new Dictionary<string, string>
        {
            ["PATH"] = Path.GetDirectoryName(Environment.ProcessPath) ?? "/usr/bin",
        });

        Assert.True(doctor.ExitCode == 0, doctor.Stdout + doctor.Stderr);
        Assert.Contains("Program:         plex-improve (the dotnet tool", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("prompts       ", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("(6 prompt(s); Agent:PromptsDir, relative to the program's folder)", doctor.Stdout, StringComparison.Ordinal);
    }

    public static bool Enabled => PublishedArchive.Enabled;

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>SIGTERM, as a service manager stops it, so the box stops its plug-in processes.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
