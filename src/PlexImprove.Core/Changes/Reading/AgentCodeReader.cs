using System.Text;
using System.Text.RegularExpressions;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Changes.Patches;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Core.Changes.Reading;

/// <summary>
/// Read-only access to agent code, confined to the Plug-ins root like every change (tools
/// <c>read_agent_file</c> and <c>search_agent_code</c>). Symlinks leading out of the root are not followed.
/// </summary>
public sealed class AgentCodeReader
{
    /// <summary>At most this many lines per read.</summary>
    public const int MaxLines = 2000;

    /// <summary>Files one search may walk; a folder with more is not agent code.</summary>
    public const int MaxSearchFiles = 20_000;

    /// <summary>A file larger than this is skipped by a search (agent code is kilobytes; this bounds memory).</summary>
    public const int MaxSearchFileBytes = 4 * 1024 * 1024;

    /// <summary>The time one whole search may take, however many lines it matches.</summary>
    public static readonly TimeSpan SearchTimeLimit = TimeSpan.FromSeconds(2);

    private readonly PluginsRoot _root;
    private readonly TimeProvider _time;

    public AgentCodeReader(PluginsRoot root, TimeProvider? time = null)
    {
        _root = root;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Reads lines <paramref name="startLine"/>..<paramref name="endLine"/> (1-based, inclusive; at most 2000)
    /// of a file under the Plug-ins folder, for example <c>PGMA.bundle/Contents/Code/utils.py</c>.
    /// </summary>
    /// <param name="path">The file, relative to the Plug-ins folder.</param>
    /// <param name="startLine">First line to show (default 1).</param>
    /// <param name="endLine">Last line to show (default: 2000 lines after the start, or the end).</param>
    public AgentFileExcerpt ReadAgentFile(string path, int startLine = 1, int? endLine = null)
    {
        var target = _root.Resolve(path);
        if (!File.Exists(target.FullPath))
        {
            throw new InvalidInputException($"'{target.RelativePath}' does not exist in the Plug-ins folder '{_root.FullPath}'.");
        }

        var snapshot = FileSnapshot.Read(target.FullPath);
        if (FileSnapshot.LooksBinary(snapshot.Content))
        {
            throw new InvalidInputException($"'{target.RelativePath}' is a binary file.");
        }

        var lines = TextLines.Split(snapshot.Content);
        var start = Math.Max(1, startLine);
        var end = Math.Min(lines.Count, Math.Min(endLine ?? int.MaxValue, start + MaxLines - 1));
        return new AgentFileExcerpt
        {
            Path = target.RelativePath,
            TotalLines = lines.Count,
            StartLine = start,
            EndLine = Math.Max(end, start - 1),
            Lines = [.. lines.Skip(start - 1).Take(Math.Max(0, end - start + 1)).Select(l => Encoding.UTF8.GetString(l.Content.Span))],
            Sha256 = snapshot.Sha256,
            Crlf = TextLines.DominantEnding(lines).Length == 2,
        };
    }

    /// <summary>
    /// Finds lines matching <paramref name="pattern"/> in the agent code under the Plug-ins folder. Lines are matched
    /// and returned with their secrets masked, so a pattern cannot probe a secret's text one character at a time.
    /// </summary>
    /// <param name="pattern">Plain text, or a .NET regular expression when <paramref name="isRegex"/>.</param>
    /// <param name="isRegex">Treat the pattern as a regular expression.</param>
    /// <param name="under">Only search below this folder (relative to the Plug-ins folder), for example one bundle.</param>
    /// <param name="filePattern">File names to search (default <c>*.py</c>); a name or wildcard, never a folder.</param>
    /// <param name="maxResults">Stop after this many matches (default 200).</param>
    /// <param name="cancellationToken">Stops the search between lines.</param>
    /// <param name="redactor">Masks secrets before matching (default: the process's shared redactor), so a pattern cannot probe a secret.</param>
    /// <remarks>
    /// Bounded per call, not per line: a pattern runs in linear time where .NET can (non-backtracking), and the whole
    /// search stops after <see cref="SearchTimeLimit"/>, <see cref="MaxSearchFiles"/> files, or on cancellation.
    /// </remarks>
    public IReadOnlyList<CodeMatch> SearchAgentCode(
        string pattern, bool isRegex = false, string? under = null, string filePattern = "*.py", int maxResults = 200,
        CancellationToken cancellationToken = default, SecretRedactor? redactor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        redactor ??= SecretRedactor.Shared;
        _root.Root.RequireFileNamePattern(filePattern);
        long started = _time.GetTimestamp();
        var regex = SearchRegex.Create(pattern, isRegex, SearchTimeLimit);

        var folder = under is null ? new ConfinedPath("", _root.FullPath) : _root.Resolve(under);
        if (!Directory.Exists(folder.FullPath))
        {
            throw new InvalidInputException($"'{under}' is not a folder in the Plug-ins folder '{_root.FullPath}'.");
        }

        var files = _root.Root.EnumerateFiles(folder, filePattern, recurse: true);
        if (files.Count > MaxSearchFiles)
        {
            throw new InvalidInputException(
                $"More than {MaxSearchFiles} files match '{filePattern}' under '{under ?? "the Plug-ins folder"}'; name one bundle in 'under' or a narrower file pattern.");
        }

        var matches = new List<CodeMatch>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (new FileInfo(file).Length > MaxSearchFileBytes)
            {
                continue;
            }

            var relative = _root.Root.Relative(file);
            var content = File.ReadAllBytes(file);
            if (FileSnapshot.LooksBinary(content))
            {
                continue;
            }

            var number = 0;
            foreach (var line in TextLines.Split(content))
            {
                number++;
                cancellationToken.ThrowIfCancellationRequested();
                if (_time.GetElapsedTime(started) > SearchTimeLimit)
                {
                    throw SearchRegex.TooSlow(pattern, SearchTimeLimit);
                }

                var text = redactor.Redact(Encoding.UTF8.GetString(line.Content.Span));
                if (!SearchRegex.IsMatch(regex, text, pattern, SearchTimeLimit))
                {
                    continue;
                }

                matches.Add(new CodeMatch(relative, number, text.Length > 300 ? text[..297] + "..." : text));
                if (matches.Count >= maxResults)
                {
                    return matches;
                }
            }
        }

        return matches;
    }
}
