# -*- coding: utf-8 -*-
"""One Plex plugin process: loads an agent bundle once, then serves search/update requests.

Protocol: the first stdin line is a JSON configuration; every later line is a JSON request and gets exactly
one JSON response line on stdout. The process ends when stdin closes, so it never outlives its parent.
"""
import ast
import imp
import json
import os
import sys
import threading
import traceback

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from plexframework import api, cerealizer, logkit, networking, parsekit  # noqa: E402

FRAMEWORK_VERSION = 'Version: 2.6.3, Build: 3f5a4b3 (Mon Oct 24 14:29:44 UTC 2022)'
UPDATE_FUNCTION = cerealizer.plex_b64('_AgentKit:UpdateMetadata')
EMPTY_ARGS = cerealizer.plex_b64(cerealizer.dumps_empty_list())
# Thread ids like a macOS PMS writes them (16e0e3000 …); one per refresh so sessions read apart.
FRAMEWORK_THREAD_BASE = 0x16d000000
FRAMEWORK_THREAD_STRIDE = 0xb000
FRAMEWORK_PATH = '/usr/lib/plexmediaserver/Resources/Plug-ins-2b1ba6e69/Framework.bundle/Contents/Resources/Versions/2/Python/Framework'


LOADER_RULE = 'is an invalid variable name because it starts with "_"'


def check_loader_rules(path, source):
    """Refuses names starting with '_' (dunder names aside), as the Framework's restricted compiler does."""
    tree = ast.parse(source, path)
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Name):
            names.append(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
        elif isinstance(node, ast.alias):
            names.append(node.asname or node.name.split('.')[0])
        elif isinstance(node, ast.Global):
            names.extend(node.names)
        for name in names:
            if name.startswith('_') and name != '_' and not (name.startswith('__') and name.endswith('__')):
                raise SyntaxError('Line %d: "%s" %s' % (getattr(node, 'lineno', 0), name, LOADER_RULE))


class CodeImporter(object):
    """Lets `import utils` in agent code load a sibling module with the same injected globals."""

    def __init__(self, code_dir, injected):
        self.code_dir = code_dir
        self.injected = injected

    def find_module(self, fullname, path=None):
        if '.' in fullname:
            return None
        if os.path.isfile(os.path.join(self.code_dir, fullname + '.py')):
            return self
        return None

    def load_module(self, fullname):
        if fullname in sys.modules:
            return sys.modules[fullname]
        path = os.path.join(self.code_dir, fullname + '.py')
        module = imp.new_module(fullname)
        module.__file__ = path
        module.__dict__.update(self.injected)
        sys.modules[fullname] = module
        with open(path, 'rb') as handle:
            source = handle.read()
        check_loader_rules(path, source)
        try:
            exec(compile(source, path, 'exec'), module.__dict__)
        except Exception:
            del sys.modules[fullname]
            raise
        return module


class PluginHost(object):
    def __init__(self, config):
        self.config = config
        self.identifier = config['identifier']
        self.bundle = config['bundle']
        log_path = os.path.join(config['logsDir'], self.identifier + '.log')
        self.log = logkit.PluginLog(log_path)
        site_map = dict((k.lower(), (v[0], int(v[1]))) for k, v in config.get('siteMap', {}).items())
        self.http = networking.HTTPKit(self.log, site_map)
        self.agent = None
        self.agent_name = None
        self.load_error = None

    def globals(self):
        core = api.CoreKit(self.bundle, self.identifier)
        return {
            'Log': logkit.LogFunction(self.log),
            'HTTP': self.http,
            'HTML': parsekit.HTMLKit(self.http),
            'XML': parsekit.XMLKit(self.http),
            'JSON': api.JSONKit(self.http),
            'Prefs': api.PrefsKit(self.bundle),
            'Agent': api.AgentKit,
            'MetadataSearchResult': api.MetadataSearchResult,
            'Platform': api.PlatformKit(),
            'String': api.StringKit(),
            'Locale': api.LocaleKit,
            'Core': core,
            'Datetime': api.DatetimeKit(),
            'Util': api.UtilKit(),
            'Dict': api.DictKit(),
            'Proxy': api.Proxy,
            'CACHE_1MINUTE': api.CACHE_1MINUTE,
            'CACHE_1HOUR': api.CACHE_1HOUR,
            'CACHE_1DAY': api.CACHE_1DAY,
            'CACHE_1WEEK': api.CACHE_1WEEK,
            'CACHE_1MONTH': api.CACHE_1MONTH,
        }

    def start(self):
        w = self.log.write
        w('DEBUG', 'core', 349, 'Starting framework core - ' + FRAMEWORK_VERSION)
        w('DEBUG', 'core', 350, 'Using the elevated policy')
        w('DEBUG', 'networking', 262, 'Loaded HTTP cookies')
        w('DEBUG', 'networking', 434, 'Setting the default network timeout to 20.0')
        w('DEBUG', 'accessor', 68, "Creating a new model access point for provider %s in namespace 'metadata'" % self.identifier)
        w('DEBUG', 'core', 150, 'Finished starting framework core')
        w('DEBUG', 'core', 560, 'Loading plug-in code')
        code_dir = os.path.join(self.bundle, 'Contents', 'Code')
        init_path = os.path.join(code_dir, '__init__.py')
        injected = self.globals()
        try:
            self._load(code_dir, init_path, injected)
        except SyntaxError as e:
            # The restricted compiler's refusals stop the plug-in from starting; other syntax errors fail the load.
            self.load_error = 'Exception starting plug-in' if LOADER_RULE in str(e) else 'Exception while loading code'
            self.log.exception('core', 574, self.load_error)
            return
        except Exception:
            self.load_error = 'Exception while loading code'
            self.log.exception('core', 574, 'Exception while loading code')
            return
        w('DEBUG', 'core', 566, 'Finished loading plug-in code')
        agents = api.registered_agents()
        if not agents:
            self.load_error = 'No agent class found'
            w('ERROR', 'agentkit', 1135, 'No agent class was defined by the plug-in code')
            return
        agent_class = agents[-1]
        self.agent_name = agent_class.name
        w('DEBUG', 'agentkit', 1132, 'Creating new agent class called %s' % agent_class.__name__)
        info = [{'media_types': ['Movie'], 'accepts_from': agent_class.accepts_from, 'fallback_agent': agent_class.fallback_agent,
                 'contributes_to': agent_class.contributes_to, 'languages': list(agent_class.languages or []),
                 'persist_stored_files': True, 'version': 0, 'primary_provider': agent_class.primary_provider,
                 'prefs': True, 'name': agent_class.name}]
        w('DEBUG', 'agentkit', 937, 'Updating agent information: %r' % info)
        pms = self.config.get('pmsUrl', 'http://127.0.0.1:32400')
        hashes = "%s/:/plugins/com.plexapp.system/resourceHashes" % pms
        w('DEBUG', 'networking', 144, "Requesting '%s'" % hashes)
        w('ERROR', 'networking', 197, "Error opening URL '%s'" % hashes)
        w('CRITICAL', 'runtime', 1299, 'Exception getting hosted resource hashes (most recent call last):', [
            '  File "%s/components/runtime.py", line 1293, in get_resource_hashes' % FRAMEWORK_PATH,
            '    json = self._core.networking.http_request("%s/:/plugins/com.plexapp.system/resourceHashes", timeout=10).content' % pms,
            'HTTPError: HTTP Error 404: Not Found'])
        try:
            self.agent = agent_class()
            start = self.namespace.get('Start')
            if callable(start):
                start()
        except Exception:
            self.load_error = 'Exception starting plug-in'
            self.log.exception('core', 611, 'Exception starting plug-in')
            return
        w('INFO', 'core', 611, 'Started plug-in')

    def _load(self, code_dir, init_path, injected):
        importer = CodeImporter(code_dir, injected)
        sys.meta_path.insert(0, importer)
        if code_dir not in sys.path:
            sys.path.insert(0, code_dir)
        with open(init_path, 'rb') as handle:
            source = handle.read()
        check_loader_rules(init_path, source)
        for name in sorted(os.listdir(code_dir)):
            if name.endswith('.py') and name != '__init__.py':
                with open(os.path.join(code_dir, name), 'rb') as handle:
                    check_loader_rules(os.path.join(code_dir, name), handle.read())
        self.namespace = dict(injected)
        self.namespace['__name__'] = '__code__'
        self.namespace['__file__'] = init_path
        exec(compile(source, init_path, 'exec'), self.namespace)

    # requests ---------------------------------------------------------------------------------------

    def _search(self, request):
        media_info = request['media']
        media = api.Media(request['ratingKey'], media_info['name'], media_info.get('year'), media_info['file'])
        kwargs = [('openSubtitlesHash', None), ('name', media.name), ('year', media.year), ('filename', media.filename),
                  ('duration', None), ('id', str(request['ratingKey'])), ('guid', None), ('manual', bool(request.get('manual')))]
        text = '{' + ', '.join('%r: %r' % (k, v.encode('utf-8') if isinstance(v, unicode) else v) for k, v in kwargs) + '}'
        self.log.write('DEBUG', 'agentkit', 961, 'Searching for matches for ' + text)
        results = api.SearchResults()
        try:
            self.agent.search(results, media, request.get('lang', 'en'), bool(request.get('manual')))
        except Exception:
            self.log.exception('agentkit', 1018, "Exception in the search function of agent named '%s', called with keyword arguments %s"
                               % (self.agent_name, text))
            return {'ok': True, 'crashed': True, 'results': []}
        ordered = sorted(results, key=lambda r: r.score, reverse=True)
        return {'ok': True, 'crashed': False, 'results': [
            {'id': str(r.id), 'name': api._text(r.name), 'year': r.year, 'score': r.score} for r in ordered]}

    def _update(self, request):
        rating_key = str(request['ratingKey'])
        match_id = str(request['id'])
        guid = '%s://%s?lang=%s' % (self.identifier, match_id, request.get('lang', 'en'))
        pairs = [('lang', request.get('lang', 'en')), ('force', bool(request.get('force', True))), ('periodic', False),
                 ('dbid', rating_key), ('version', 0), ('parentGUID', None), ('parentID', None),
                 ('media_type', 'Movie'), ('guid', guid), ('id', match_id)]
        self.log.write('DEBUG', 'runtime', 717, 'Handling request GET /:/plugins/%s/messaging/function/%s/%s/%s'
                       % (self.identifier, UPDATE_FUNCTION, EMPTY_ARGS, cerealizer.plex_b64(cerealizer.dumps_dict(pairs))))
        self.log.write('DEBUG', 'model', 32, 'Loading model with GUID %s' % guid)
        media_info = request['media']
        media = api.Media(rating_key, media_info['name'], media_info.get('year'), media_info['file'])
        metadata = api.MovieMetadata(match_id)
        try:
            self.agent.update(metadata, media, request.get('lang', 'en'), bool(request.get('force', True)))
        except Exception:
            self.log.exception('agentkit', 1068, "Exception in the update function of agent named '%s', called with guid '%s'"
                               % (self.agent_name, guid))
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


def main():
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), 'wb', 0)
    sys.stdout = sys.stderr  # agent print statements must not corrupt the protocol
    line = sys.stdin.readline()
    if not line:
        return
    host = PluginHost(json.loads(line))
    run_in_thread(lambda _: host.start(), None)
    protocol.write(json.dumps({'event': 'ready', 'loaded': host.agent is not None, 'error': host.load_error,
                               'name': host.agent_name}) + '\n')
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
