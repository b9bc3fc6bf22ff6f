using System.Globalization;
using System.Text;
using PlexImprove.Core.Logs;

namespace PlexImprove.Core.Tests.TestSupport;

/// <summary>Builds plugin log text in the exact Framework layout, one record per call, a second apart.</summary>
public sealed class PluginLogBuilder
{
    private readonly StringBuilder _text = new();
    private DateTime _clock;

    public PluginLogBuilder(DateTime? start = null) => _clock = start ?? new DateTime(2026, 2, 5, 14, 0, 0);

    public DateTime Clock => _clock;

    public PluginLogBuilder Record(string level, string message, string thread = "7f3a2c1fe700", string module = "logkit", int line = 16, params string[] continuation)
    {
        _text.Append(_clock.ToString(PluginLogFormat.TimestampFormat, CultureInfo.InvariantCulture))
            .Append(" (").Append(thread).Append(") :  ").Append(level)
            .Append(" (").Append(module).Append(':').Append(line.ToString(CultureInfo.InvariantCulture)).Append(") - ")
            .Append(message).Append('\n');
        foreach (var c in continuation)
        {
            _text.Append(c).Append('\n');
        }

        _clock = _clock.AddSeconds(1);
        return this;
    }

    public PluginLogBuilder Raw(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    public PluginLogBuilder Search(string ratingKey, string thread = "7f3a2c1fe700") =>
        Record("DEBUG", $"Searching for matches for {{'id': '{ratingKey}', 'name': 'Crude', 'year': 2008, 'lang': 'en'}}", thread, "agentkit", 961);

    public PluginLogBuilder Footer(string tag, bool succeeded, string agent = "AEBN", string thread = "7f3a2c1fe700") =>
        Record("INFO", $"{agent}  - {tag}:: {new string('*', 59)} >> {(succeeded ? "Successful!!" : "Failed")} << {new string('*', 58)}", thread, "logkit", 16);

    public PluginLogBuilder Update(string ratingKey, string thread = "7f3a2c1fe700", string agentId = "com.plexapp.agents.AEBN", bool alsoFoundRoute = false)
    {
        var guid = $"{agentId}://{ratingKey}?lang=en";
        var dump = $"cereal1\n1\ndict\n3\ns2\nens4\nlangs{ratingKey.Length}\n{ratingKey}s4\ndbids{guid.Length}\n{guid}s4\nguidr0\n";
        var args = Convert.ToBase64String(Encoding.ASCII.GetBytes(dump)).Replace('+', '-').Replace('/', '_').Replace('=', '_');
        var path = $"/:/plugins/{agentId}/messaging/function/X0FnZW50S2l0OlVwZGF0ZU1ldGFkYXRh/Y2VyZWFsMQoxCmxpc3QKMApyMAo_/{args}";
        Record("DEBUG", $"Handling request GET {path}", thread, "runtime", 717);
        return alsoFoundRoute ? Record("DEBUG", $"Found route matching {path}", thread, "runtime", 814) : this;
    }

    public PluginLogBuilder SearchCrash(string exceptionLine, string thread = "7f3a2c1fe700", string agent = "AEBN") =>
        Record("CRITICAL", $"Exception in the search function of agent named '{agent}', called with keyword arguments {{'id': '1', 'force': True}} (most recent call last):", thread, "agentkit", 1018,
            "  File \"/usr/lib/plexmediaserver/Resources/Plug-ins/Framework.bundle/Contents/Resources/Versions/2/Python/Framework/api/agentkit.py\", line 1011, in _search",
            "    agent.search(*f_args, **f_kwargs)",
            $"  File \"/var/lib/plexmediaserver/Plug-ins/{agent}.bundle/Contents/Code/__init__.py\", line 186, in search",
            "    html = HTML.ElementFromURL(url)",
            exceptionLine);

    public PluginLogBuilder UpdateCrash(string exceptionLine, string thread = "7f3a2c1fe700", string agent = "AEBN") =>
        Record("CRITICAL", $"Exception in the update function of agent named '{agent}', called with guid 'com.plexapp.agents.{agent}://1?lang=en' (most recent call last):", thread, "agentkit", 1085,
            "  File \"/usr/lib/plexmediaserver/Resources/Plug-ins/Framework.bundle/Contents/Resources/Versions/2/Python/Framework/api/agentkit.py\", line 1076, in _update",
            "    agent.update(*f_args, **f_kwargs)",
            exceptionLine);

    public override string ToString() => _text.ToString();

    public void WriteTo(string path) => File.WriteAllText(path, _text.ToString(), new UTF8Encoding(false));
}
