# -*- coding: utf-8 -*-
"""One Plex plugin process: loads an agent bundle once, then serves search/update requests.

Protocol: the first stdin line is a JSON configuration; every later line is a JSON request and gets exactly
one JSON response line on stdout. The process ends when stdin closes, so it never outlives its parent.
"""
import imp
import inspect
import json
import os
import plistlib
import site
import sys
import threading
import traceback
import urlparse

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

# Plex's Python runs agents with UTF-8 as the default encoding (str/unicode mixes decode as UTF-8, not ASCII).
reload(sys)
sys.setdefaultencoding('utf-8')

from plexframework import api, cerealizer, channelkit, containment, frameworkpackage, loader, logkit, media, networking, parsekit  # noqa: E402

FRAMEWORK_VERSION = 'Version: 2.6.3, Build: 3f5a4b3 (Mon Oct 24 14:29:44 UTC 2022)'
UPDATE_FUNCTION = cerealizer.plex_b64('_AgentKit:UpdateMetadata')
EMPTY_ARGS = cerealizer.plex_b64(cerealizer.dumps_empty_list())
# Thread ids like a macOS PMS writes them (16e0e3000 …); one per refresh so sessions read apart.
FRAMEWORK_THREAD_BASE = 0x16d000000
FRAMEWORK_THREAD_STRIDE = 0xb000
FRAMEWORK_PATH = '/usr/lib/plexmediaserver/Resources/Plug-ins-2b1ba6e69/Framework.bundle/Contents/Resources/Versions/2/Python/Framework'


class CodeImporter(object):
    """`import utils` in agent code: a module of Contents/Code compiled with the bundle's policy, as Plex's
    RestrictedModule does: it starts with a copy of the plug-in's globals as they are at the moment of the import
    (the Framework's API and whatever __init__.py defined so far). `from __init__ import X` runs __init__.py again
    as a separate module. Packages resolve as Plex's loader resolves them: `import interface` finds
    `interface/__init__.py`, and `interface.menu` its module `interface/menu.py`."""

    def __init__(self, code_dir, environment, policy):
        self.code_dir = code_dir
        self.environment = environment
        self.policy = policy

    def locate(self, fullname):
        """(path, is_package) of a module of Contents/Code, or None."""
        base = os.path.join(self.code_dir, *fullname.split('.'))
        if os.path.isfile(base + '.py'):
            return base + '.py', False
        if fullname != '__init__' and os.path.isfile(os.path.join(base, '__init__.py')):
            return os.path.join(base, '__init__.py'), True
        return None

    def find_module(self, fullname, path=None):
        if '.' in fullname:
            parent = sys.modules.get(fullname.rsplit('.', 1)[0])
            if parent is None or getattr(parent, '__plexbox_code__', False) is not True:
                return None
        return self if self.locate(fullname) else None

    def load_module(self, fullname):
        if fullname in sys.modules:
            return sys.modules[fullname]
        path, is_package = self.locate(fullname)
        with open(path, 'rb') as handle:
            source = handle.read()
        role = loader.ROLE_INIT if fullname == '__init__' else loader.ROLE_MODULE
        code = loader.compile_restricted(source, path, role, self.policy)
        module = imp.new_module(fullname)
        module.__dict__.update(self.environment)
        module.__dict__['__name__'] = fullname
        module.__dict__['__plexbox_code__'] = True
        if is_package:
            module.__dict__['__path__'] = [os.path.dirname(path)]
            module.__dict__['__package__'] = fullname
        elif '.' in fullname:
            module.__dict__['__package__'] = fullname.rsplit('.', 1)[0]
        sys.modules[fullname] = module
        try:
            exec code in module.__dict__
        except BaseException:
            del sys.modules[fullname]
            raise
        return module


def read_code_policy(bundle, declared=None):
    """PlexPluginCodePolicy: as the emulator read it from Info.plist (`declared`), else read here with a real plist
    parser as Plex reads it; 'standard' when the plist is missing or unreadable."""
    if declared in (loader.ELEVATED, loader.STANDARD):
        return declared
    try:
        info = plistlib.readPlist(os.path.join(bundle, 'Contents', 'Info.plist'))
    except Exception:
        return loader.STANDARD
    value = info.get('PlexPluginCodePolicy') if isinstance(info, dict) else None
    return loader.ELEVATED if isinstance(value, basestring) and value.strip().lower() == 'elevated' else loader.STANDARD


def framework_library_folders(configured=None):
    """The Framework's libraries, in Plex's order: the platform libraries (lxml, served by the box's parsing host)
    and then the shared ones (dateutil, ... as provisioned beside the interpreter)."""
    shared = configured or os.environ.get('PLEXBOX_FRAMEWORK_LIBRARIES') or \
        os.path.join(os.path.dirname(os.path.abspath(sys.prefix)), 'framework', 'Shared')
    return [os.path.join(HERE, 'platform'), shared]


def install_import_path(bundle, configured=None):
    """sys.path as Plex builds it: the bundle's Libraries/Shared (with its .pth files) and Libraries/<os>/<cpu>
    first, then the Framework's platform and shared libraries, then the standard library."""
    bundled = [os.path.join(bundle, 'Contents', 'Libraries', 'Shared'),
               os.path.join(bundle, 'Contents', 'Libraries', 'Linux', 'x86_64')]
    front = [folder for folder in bundled + framework_library_folders(configured) if os.path.isdir(folder)]
    for folder in front:
        if folder in bundled:
            site.addsitedir(folder)
        while folder in sys.path:
            sys.path.remove(folder)
    sys.path[0:0] = front


def write_preferences(folder, token):
    """Preferences.xml with the server's token, where agents that talk to their Plex server read it."""
    path = os.path.join(folder, 'Preferences.xml')
    if os.path.exists(path) or not os.path.isdir(folder):
        return
    attributes = ' PlexOnlineToken="%s"' % token if token else ''
    with open(path, 'wb') as handle:
        handle.write('<?xml version="1.0" encoding="utf-8"?>\n<Preferences%s />\n' % attributes)


def accepts_keyword(function, name):
    """Whether Plex passes the keyword `name` (manual, primary, force, periodic ...) to an agent's method: only when
    the function names it among its positional parameters, as the Framework checks."""
    function = getattr(function, 'im_func', function)
    code = getattr(function, 'func_code', None)
    return code is not None and name in code.co_varnames[:code.co_argcount]


def listed(value):
    """An agent class's contributes_to / accepts_from as a list of identifiers (None, a string or a sequence)."""
    if value is None:
        return []
    if isinstance(value, basestring):
        return [value]
    try:
        return [str(v) for v in value]
    except TypeError:
        return []


class PrimaryMetadata(object):
    """`media.primary_metadata` of a contributing agent's search: what the primary agent's update stored."""

    def __init__(self, guid, values):
        self.guid = guid
        self.id = guid.split('://', 1)[-1].split('?', 1)[0]
        for key in ('title', 'year', 'summary', 'studio', 'originally_available_at'):
            setattr(self, key, None)
        for key, value in (values or {}).items():
            setattr(self, str(key), media.utf8(value) if isinstance(value, basestring) else value)


class PluginHost(object):
    def __init__(self, config):
        self.config = config
        self.identifier = config['identifier']
        self.bundle = config['bundle']
        log_path = os.path.join(config['logsDir'], self.identifier + '.log')
        self.log = logkit.PluginLog(log_path)
        site_map = dict((k.lower(), int(v[1])) for k, v in config.get('siteMap', {}).items())
        self.pms_port = int(urlparse.urlsplit(config.get('pmsUrl') or 'http://127.0.0.1:32400').port or 32400)
        self.network = containment.Network(self.log, site_map, self.pms_port, config.get('network') or 'fake')
        self.network.install()
        self.http = networking.HTTPKit(self.log, self.network)
        # Pages are parsed and XPath evaluated by the host (the emulator), as the test_xpath tool evaluates them.
        self.parse_host = parsekit.connect(self.pms_port, config.get('token'))
        self.policy = read_code_policy(self.bundle, config.get('policy'))
        # Plex's application-support folder is the one holding Plug-ins (agents build paths from it).
        self.app_support = config.get('appSupportDir') or os.path.dirname(os.path.dirname(os.path.abspath(self.bundle)))
        write_preferences(self.app_support, config.get('token'))
        if config.get('token'):
            # Plex starts plug-in processes with the server's token in PLEXTOKEN (agents read it, the Framework's HTTP
            # sends it to the local server).
            os.environ['PLEXTOKEN'] = str(config['token'])
        self.agent = None
        self.agents = []
        self.agent_name = None
        self.load_error = None
        self.namespace = None

    def api(self):
        core = api.CoreKit(self.bundle, self.identifier, self.app_support, self.log)
        parallelizer = api.Parallelizer(self.log)
        kits = dict(api.METADATA_OBJECTS)
        kits.update({
            'Log': logkit.LogFunction(self.log),
            'HTTP': self.http,
            'HTML': parsekit.HTMLKit(self.http, self.parse_host),
            'XML': parsekit.XMLKit(self.http, self.parse_host),
            'JSON': api.JSONKit(self.http, self.log),
            'Prefs': api.PrefsKit(self.bundle, self.log),
            'Agent': api.AgentKit,
            'MetadataSearchResult': api.MetadataSearchResult,
            'Platform': api.PlatformKit(),
            'String': api.StringKit(),
            'Regex': api.RegexKit(),
            'parallelize': parallelizer.parallelize,
            'task': parallelizer.task,
            'Locale': api.LocaleKit,
            'Core': core,
            'Datetime': api.DatetimeKit(),
            'Util': api.UtilKit(),
            'Dict': api.DictKit(),
            'Hash': api.HashKit(),
            # The Framework keeps data items in DataItems under the plug-in's data folder (agents' caches live there).
            'Data': api.DataKit(core.storage, os.path.join(core.storage.data_path, 'DataItems'), core),
            'L': core.localization.local_string,
            'F': lambda key, *args: core.localization.local_string_with_format(key, None, *args),
            'Proxy': api.Proxy,
            'Thread': api.ThreadKit(),
            'CACHE_1MINUTE': api.CACHE_1MINUTE,
            'CACHE_1HOUR': api.CACHE_1HOUR,
            'CACHE_1DAY': api.CACHE_1DAY,
            'CACHE_1WEEK': api.CACHE_1WEEK,
            'CACHE_1MONTH': api.CACHE_1MONTH,
        })
        kits.update(channelkit.channel_kits(self.bundle, self.identifier))
        if self.policy == loader.ELEVATED:
            # Plex publishes the Framework package itself to elevated plug-ins only.
            kits['Framework'] = frameworkpackage.framework_package()
        return kits

    def start(self):
        w = self.log.write
        w('DEBUG', 'core', 349, 'Starting framework core - ' + FRAMEWORK_VERSION)
        if self.policy == loader.ELEVATED:
            w('DEBUG', 'core', 350, 'Using the elevated policy')
        w('DEBUG', 'networking', 262, 'Loaded HTTP cookies')
        w('DEBUG', 'networking', 434, 'Setting the default network timeout to 20.0')
        w('DEBUG', 'accessor', 68, "Creating a new model access point for provider %s in namespace 'metadata'" % self.identifier)
        w('DEBUG', 'core', 150, 'Finished starting framework core')
        w('DEBUG', 'core', 560, 'Loading plug-in code')
        code_dir = os.path.join(self.bundle, 'Contents', 'Code')
        init_path = os.path.join(code_dir, '__init__.py')
        try:
            with open(init_path, 'rb') as handle:
                source = handle.read()
            init_code = loader.compile_restricted(source, init_path, loader.ROLE_INIT, self.policy)
        except Exception:
            self.load_error = 'Exception while loading code'
            self.log.exception('core', 569, self.load_error)
            w('ERROR', 'core', 1299, 'Error loading bundle code')
            return
        w('DEBUG', 'core', 566, 'Finished loading plug-in code')
        try:
            install_import_path(self.bundle, self.config.get('frameworkLibraries'))
            environment = loader.environment_for(self.policy, loader.sandbox_import)
            environment.update(self.api())
            importer = CodeImporter(code_dir, environment, self.policy)
            sys.meta_path.insert(0, importer)
            # __init__.py runs in the plug-in's environment itself: what it defines is seen by the modules it imports.
            self.namespace = environment
            exec init_code in environment
            start = environment.get('Start')
            if callable(start):
                start()
        except Exception:
            self.load_error = 'Exception starting plug-in'
            self.log.exception('core', 615, 'Exception starting plug-in')
            return
        agents = api.registered_agents()
        if not agents:
            self.load_error = 'No agent class found'
            w('ERROR', 'agentkit', 1135, 'No agent class was defined by the plug-in code')
            return
        # Plex creates every agent class the code defines; each section uses the one of its media type.
        self.agent_classes = agents
        agent_class = agents[-1]
        self.agent_name = agent_class.name
        for cls in agents:
            w('DEBUG', 'agentkit', 1132, 'Creating new agent class called %s' % cls.__name__)
        info = [{'media_types': list(cls.media_types), 'accepts_from': cls.accepts_from, 'fallback_agent': cls.fallback_agent,
                 'contributes_to': cls.contributes_to, 'languages': list(cls.languages or []),
                 'persist_stored_files': True, 'version': 0, 'primary_provider': cls.primary_provider,
                 'prefs': True, 'name': cls.name} for cls in agents]
        w('DEBUG', 'agentkit', 937, 'Updating agent information: %r' % info)
        pms = 'http://127.0.0.1:32400'
        hashes = "%s/:/plugins/com.plexapp.system/resourceHashes" % pms
        w('DEBUG', 'networking', 144, "Requesting '%s'" % hashes)
        w('ERROR', 'networking', 197, "Error opening URL '%s'" % hashes)
        w('CRITICAL', 'runtime', 1299, 'Exception getting hosted resource hashes (most recent call last):', [
            '  File "%s/components/runtime.py", line 1293, in get_resource_hashes' % FRAMEWORK_PATH,
            '    json = self._core.networking.http_request("%s/:/plugins/com.plexapp.system/resourceHashes", timeout=10).content' % pms,
            'HTTPError: HTTP Error 404: Not Found'])
        try:
            self.agents = [(cls, cls()) for cls in agents]
            self.agent = self.agents[-1][1]
        except Exception:
            self.load_error = 'Exception starting plug-in'
            self.log.exception('core', 615, 'Exception starting plug-in')
            return
        w('INFO', 'core', 611, 'Started plug-in')

    def agent_information(self):
        """What Plex reads of each agent class to assign agents to sections: primary or contributing, and to whom."""
        return [{'name': api._text(cls.name), 'mediaTypes': list(cls.media_types or []),
                 'primaryProvider': bool(cls.primary_provider), 'contributesTo': listed(cls.contributes_to),
                 'acceptsFrom': listed(cls.accepts_from)} for cls, _ in self.agents]

    # requests ---------------------------------------------------------------------------------------

    def agent_for(self, kind):
        """(name, instance) of the agent class serving a section of this media type (the last defined otherwise)."""
        wanted = media.FRAMEWORK_TYPES.get(kind, 'Movie')
        for cls, instance in reversed(self.agents):
            if wanted in (cls.media_types or []):
                # The Framework names an agent by its instance's name, which an agent may set in __init__.
                return instance.name, instance
        return self.agent_name, self.agent

    def _search(self, request):
        media_info = request['media']
        kind = media_info.get('type') or media.MOVIE
        name, agent = self.agent_for(kind)
        manual = bool(request.get('manual'))
        item = media.SearchMedia(kind, request['ratingKey'], media_info['name'], media_info.get('year'), media_info['file'])
        pairs = item.arguments(manual)
        primary = request.get('primary')
        if primary:
            # A contributing agent runs after the primary one: Plex names the primary agent and its item's guid.
            item.primary_agent = str(primary['agent'])
            item.guid = str(primary['guid'])
            item.primary_metadata = PrimaryMetadata(item.guid, primary.get('metadata'))
            pairs = [(k, v) for k, v in pairs if k != 'guid'] + [('primary_agent', item.primary_agent), ('guid', item.guid)]
        text = '{' + ', '.join('%r: %r' % pair for pair in pairs) + '}'
        self.log.write('INFO', 'agentkit', 961, 'Searching for matches for ' + text)
        results = api.SearchResults()
        keywords = {}
        if accepts_keyword(agent.search, 'manual'):
            keywords['manual'] = manual
        if accepts_keyword(agent.search, 'primary'):
            keywords['primary'] = not primary
        try:
            agent.search(results, item, request.get('lang', 'en'), **keywords)
        except Exception:
            self.log.exception('agentkit', 1018, "Exception in the search function of agent named '%s', called with keyword arguments %s"
                               % (name, text))
            return {'ok': True, 'crashed': True, 'results': []}
        ordered = sorted(results, key=lambda r: r.score, reverse=True)
        return {'ok': True, 'crashed': False, 'results': [
            {'id': str(r.id), 'name': api._text(r.name), 'year': r.year, 'score': r.score} for r in ordered]}

    def _update(self, request):
        rating_key = str(request['ratingKey'])
        match_id = str(request['id'])
        media_info = request['media']
        kind = media_info.get('type') or media.MOVIE
        name, agent = self.agent_for(kind)
        force = bool(request.get('force', True))
        guid = '%s://%s?lang=%s' % (self.identifier, match_id, request.get('lang', 'en'))
        pairs = [('lang', request.get('lang', 'en')), ('force', force), ('periodic', False),
                 ('dbid', rating_key), ('version', 0), ('parentGUID', None), ('parentID', None),
                 ('media_type', media.FRAMEWORK_TYPES.get(kind, 'Movie')), ('guid', guid), ('id', match_id)]
        self.log.write('DEBUG', 'runtime', 717, 'Handling request GET /:/plugins/%s/messaging/function/%s/%s/%s'
                       % (self.identifier, UPDATE_FUNCTION, EMPTY_ARGS, cerealizer.plex_b64(cerealizer.dumps_dict(pairs))))
        self.log.write('DEBUG', 'model', 32, 'Loading model with GUID %s' % guid)
        tree = media.UpdateMedia(kind, rating_key, media_info['name'], media_info.get('year'), media_info['file'])
        # The item's guid: the primary agent's match, or this agent's own when it is the primary one.
        tree.guid = str(request.get('primaryGuid') or guid)
        metadata = api.MovieMetadata(match_id)
        # The keywords the Framework adds when the agent's update names them.
        offered = [('force', force), ('child_guid', None), ('child_id', None), ('periodic', False),
                   ('prefs', dict((key, 1) for key in ('artistBios', 'albumReviews', 'popularTracks', 'concerts', 'genres', 'albumPosters')))]
        keywords = dict((key, value) for key, value in offered if accepts_keyword(agent.update, key))
        try:
            agent.update(metadata, tree, request.get('lang', 'en'), **keywords)
        except Exception:
            self.log.exception('agentkit', 1068, "Exception in the update function of agent named '%s', called with guid '%s'"
                               % (name, guid))
            return {'ok': True, 'crashed': True, 'guid': guid, 'metadata': None}
        self.log.write('DEBUG', 'runtime', 924, 'Response: [200] bool, 0 bytes')
        return {'ok': True, 'crashed': False, 'guid': guid, 'metadata': metadata.as_dict()}

    def _process_function_call(self, request):
        op = request.get('op')
        if op == 'ping':
            return {'ok': True, 'loaded': self.agent is not None, 'error': self.load_error, 'name': self.agent_name}
        if self.agent is None:
            return {'ok': False, 'error': self.load_error or 'not loaded'}
        if op == 'search':
            return self._search(request)
        if op == 'update':
            return self._update(request)
        return {'ok': False, 'error': 'unknown op %r' % op}


def run_in_thread(function, request):
    """Each request runs on its own thread, as the Framework serves each PMS request."""
    box = {}

    def target():
        if request and request.get('thread'):
            logkit.set_thread_ident(FRAMEWORK_THREAD_BASE + int(request['thread']) * FRAMEWORK_THREAD_STRIDE)
        try:
            box['response'] = function(request)
        except Exception as e:
            box['response'] = {'ok': False, 'error': '%s: %s' % (type(e).__name__, e), 'trace': traceback.format_exc()}

    worker = threading.Thread(target=target)
    worker.start()
    worker.join()
    return box['response']


def main(host_class=None):
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), 'wb', 0)
    sys.stdout = sys.stderr  # agent print statements must not corrupt the protocol
    line = sys.stdin.readline()
    if not line:
        return
    host = (host_class or PluginHost)(json.loads(line))
    run_in_thread(lambda _: host.start(), None)
    protocol.write(json.dumps({'event': 'ready', 'loaded': host.agent is not None, 'error': host.load_error,
                               'name': host.agent_name,
                               'mediaTypes': sorted(set(t for cls, _ in host.agents for t in (cls.media_types or []))),
                               'agents': host.agent_information()}) + '\n')
    if host.agent is None:
        # Plex's plug-in process ends when its code fails to load; it does not stay up serving nothing.
        host.log.close()
        return
    while True:
        line = sys.stdin.readline()
        if not line:
            break
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
        except ValueError as e:
            protocol.write(json.dumps({'ok': False, 'error': 'bad request: %s' % e}) + '\n')
            continue
        response = run_in_thread(host._process_function_call, request)
        protocol.write(json.dumps(response) + '\n')
    host.log.close()


if __name__ == '__main__':
    main()
