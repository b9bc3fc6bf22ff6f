# -*- coding: utf-8 -*-
"""The globals the Framework injects into agent code (besides Log, HTTP, HTML, XML)."""
import binascii
import datetime
import hashlib
import json
import os
import platform
import re
import threading
import time
import unicodedata
import urllib
import uuid

from plexframework import localization, logkit

CACHE_1MINUTE = 60
CACHE_1HOUR = 3600
CACHE_1DAY = 86400
CACHE_1WEEK = 604800
CACHE_1MONTH = 2592000

_registered_agents = []


class _AgentMeta(type):
    def __init__(cls, name, bases, namespace):
        super(_AgentMeta, cls).__init__(name, bases, namespace)
        if namespace.get('_sandbox_base'):
            return
        _registered_agents.append(cls)


class _AgentBase(object):
    __metaclass__ = _AgentMeta
    _sandbox_base = True
    name = 'Unnamed agent'
    languages = ['en']
    primary_provider = True
    fallback_agent = None
    accepts_from = None
    contributes_to = None
    media_types = ['Movie']


class _Movies(_AgentBase):
    _sandbox_base = True


class _TVShows(_AgentBase):
    _sandbox_base = True
    media_types = ['TV_Show']


class _Artist(_AgentBase):
    _sandbox_base = True
    media_types = ['Artist']


class _Album(_AgentBase):
    _sandbox_base = True
    media_types = ['Album']


class _Photos(_AgentBase):
    _sandbox_base = True
    media_types = ['Photo']


class AgentKit(object):
    """`Agent`: one base class per media type, as the Framework's agentkit offers them."""
    Movies = _Movies
    TV_Shows = _TVShows
    Artist = _Artist
    Album = _Album
    Photos = _Photos


def registered_agents():
    return list(_registered_agents)


class MetadataSearchResult(object):
    def __init__(self, id=None, name=None, year=None, score=0, lang=None, thumb=None, **kwargs):
        self.id = id
        self.name = name
        self.year = year
        self.score = score
        self.lang = lang
        self.thumb = thumb


class SearchResults(list):
    """The `results` container passed to search: `Append`, `Sort`, list behaviour."""

    def Append(self, item):
        self.append(item)

    def Sort(self, attr, descending=False):
        self.sort(key=lambda r: getattr(r, attr), reverse=descending)


class TagSet(list):
    def add(self, value):
        if value not in self:
            self.append(value)

    def clear(self):
        del self[:]


class ProxyDict(dict):
    def validate_keys(self, keys):
        for key in list(self.keys()):
            if key not in keys:
                del self[key]


class Proxy(object):
    @staticmethod
    def Media(data, sort_order=None):
        return data

    @staticmethod
    def Preview(data, sort_order=None):
        return data


class Role(object):
    def __init__(self):
        self.name = None
        self.role = None
        self.photo = None


class RoleList(list):
    def new(self):
        role = Role()
        self.append(role)
        return role

    def clear(self):
        del self[:]


class ExtraList(list):
    """`metadata.extras`: trailers and other extras the agent adds."""

    def add(self, extra):
        self.append(extra)

    def clear(self):
        del self[:]


class MetadataObject(object):
    """The objects agents construct (TrailerObject(url=..., title=..., thumb=...) and the like): keyword attributes."""

    def __init__(self, **kwargs):
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __repr__(self):
        return '<%s %r>' % (self.__class__.__name__, getattr(self, 'title', None))


METADATA_OBJECT_NAMES = ['TrailerObject', 'FeaturetteObject', 'DeletedSceneObject', 'BehindTheScenesObject',
                         'InterviewObject', 'SceneOrSampleObject', 'ShortObject', 'MovieObject', 'VideoClipObject',
                         'MediaObject', 'PartObject', 'EpisodeObject', 'PhotoObject']
# The Framework's containers and directory objects, which agents also build (ValidatePrefs returns a MessageContainer).
CONTAINER_OBJECT_NAMES = ['ObjectContainer', 'DirectoryObject', 'PopupDirectoryObject', 'InputDirectoryObject',
                          'PrefsObject', 'NextPageObject']
METADATA_OBJECTS = dict((name, type(name, (MetadataObject,), {})) for name in METADATA_OBJECT_NAMES + CONTAINER_OBJECT_NAMES)


class MessageContainer(MetadataObject):
    """`MessageContainer(header, message)`: what ValidatePrefs and channel functions return."""

    def __init__(self, header=None, message=None, **kwargs):
        MetadataObject.__init__(self, header=header, message=message, **kwargs)


METADATA_OBJECTS['MessageContainer'] = MessageContainer


class MovieMetadata(object):
    """The `metadata` object an update fills in."""

    def __init__(self, metadata_id):
        self.id = metadata_id
        self.title = None
        self.original_title = None
        self.title_sort = None
        self.year = None
        self.summary = None
        self.studio = None
        self.tagline = None
        self.content_rating = None
        self.originally_available_at = None
        self.duration = None
        self.rating = None
        self.genres = TagSet()
        self.collections = TagSet()
        self.countries = TagSet()
        self.directors = RoleList()
        self.roles = RoleList()
        self.posters = ProxyDict()
        self.art = ProxyDict()
        self.themes = ProxyDict()
        self.producers = RoleList()
        self.writers = RoleList()
        self.similar = TagSet()
        self.tags = TagSet()
        self.extras = ExtraList()
        self.chapters = TagSet()
        self.reviews = TagSet()
        self.audience_rating = None
        self.rating_image = None
        self.audience_rating_image = None
        self.content_rating_age = None
        self.trivia = None
        self.quotes = None
        # TV shows and music: metadata.seasons[1].episodes[2], metadata.tracks['1'] (created on first use).
        self.seasons = ChildMetadata()
        self.episodes = ChildMetadata()
        self.tracks = ChildMetadata()
        self.index = None
        self.absolute_index = None

    def as_dict(self):
        date = self.originally_available_at
        return {
            'title': _text(self.title),
            'year': int(self.year) if isinstance(self.year, (int, long)) or (isinstance(self.year, basestring) and self.year.isdigit()) else None,
            'summary': _text(self.summary),
            'studio': _text(self.studio),
            'originallyAvailableAt': date.strftime('%Y-%m-%d') if hasattr(date, 'strftime') else None,
            'genres': [_text(g) for g in self.genres],
        }


class ChildMetadata(dict):
    """`metadata.seasons` and the like: a child's metadata object exists as soon as the agent reads it."""

    def __missing__(self, key):
        child = MovieMetadata(None)
        child.index = key
        self[key] = child
        return child


def _text(value):
    if value is None:
        return None
    if isinstance(value, str):
        return value.decode('utf-8', 'replace')
    return unicode(value)


def lenient_json(text):
    """The text without what strict JSON refuses but Plex's fallback decoder (demjson) accepts: `//` and `/* */`
    comments and trailing commas before `]` or `}`. Strings are kept as they are."""
    return _scan_json(_scan_json(text, comments=True), comments=False)


def _scan_json(text, comments):
    """One pass outside strings: drops the comments (comments=True) or the trailing commas (comments=False)."""
    out = []
    i, n, quote = 0, len(text), None
    while i < n:
        c = text[i]
        if quote:
            out.append(c)
            if c == '\\' and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in '"\'':
            quote = c
            out.append(c)
        elif comments and text.startswith('//', i):
            while i < n and text[i] not in '\r\n':
                i += 1
            continue
        elif comments and text.startswith('/*', i):
            end = text.find('*/', i + 2)
            i = n if end < 0 else end + 2
            continue
        elif not comments and c == ',':
            j = i + 1
            while j < n and text[j] in ' \t\r\n':
                j += 1
            if j >= n or text[j] not in ']}':
                out.append(c)
        else:
            out.append(c)
        i += 1
    return ''.join(out)


def decode_json(text, log=None):
    """JSON as the Framework decodes it: strictly first; when that fails it logs Plex's warning and decodes again
    leniently (Plex falls back to demjson, which accepts trailing commas and comments)."""
    try:
        return json.loads(text)
    except ValueError as e:
        if log is not None:
            log.write('WARNING', 'data', 179, 'Error decoding with simplejson, using demjson instead (this will cause '
                                              'a performance hit) - %s' % e.args[0])
        return json.loads(lenient_json(text))


class PrefsKit(object):
    """`Prefs['id']` backed by the bundle's DefaultPrefs.json, read as the Framework reads it: a file it cannot
    decode is logged (`Exception loading preferences from DefaultPrefs.json`) and the plug-in starts without it."""

    def __init__(self, bundle_path, log=None):
        self._values = {}
        path = os.path.join(bundle_path, 'Contents', 'DefaultPrefs.json')
        if not os.path.exists(path):
            return
        try:
            with open(path, 'rb') as handle:
                prefs = decode_json(handle.read(), log)
            if log is not None:
                log.write('DEBUG', 'preferences', 258, 'Loaded preferences from DefaultPrefs.json')
        except Exception:
            if log is None:
                raise
            log.exception('preferences', 262, 'Exception loading preferences from DefaultPrefs.json')
            return
        for pref in prefs:
            value = pref.get('default')
            if pref.get('type') == 'bool' and isinstance(value, basestring):
                value = value.lower() == 'true'
            self._values[pref.get('id')] = value

    def __getitem__(self, key):
        return self._values.get(key)


class JSONKit(object):
    def __init__(self, http, log=None):
        self._http = http
        self._log = log

    def ObjectFromString(self, content, encoding=None, errors=None, max_size=None):
        return decode_json(content, self._log)

    def ObjectFromURL(self, url, values=None, headers={}, cacheTime=None, encoding=None, errors=None,
                      timeout=None, sleep=0):
        sent = {'Accept': 'text/*, application/json'}
        sent.update(headers or {})
        return decode_json(self._http.Request(url, values=values, headers=sent, cacheTime=cacheTime,
                                              timeout=timeout, sleep=sleep).content, self._log)

    def StringFromObject(self, obj):
        return json.dumps(obj)


class RegexKit(object):
    """`Regex(pattern, flags)`: a compiled regular expression, with the flags as `Regex.IGNORECASE` and the like."""

    IGNORECASE = re.IGNORECASE
    MULTILINE = re.MULTILINE
    DOTALL = re.DOTALL

    def __call__(self, pattern, flags=0):
        return re.compile(pattern, flags)


class StringKit(object):
    @staticmethod
    def _bytes(value):
        return value.encode('utf-8') if isinstance(value, unicode) else str(value)

    def UUID(self):
        return str(uuid.uuid4())

    def Quote(self, value, usePlus=False):
        quote = urllib.quote_plus if usePlus else urllib.quote
        return quote(self._bytes(value))

    def URLEncode(self, value):
        return urllib.quote_plus(self._bytes(value))

    def Unquote(self, value, usePlus=False):
        return (urllib.unquote_plus if usePlus else urllib.unquote)(self._bytes(value))

    def StripDiacritics(self, value):
        if isinstance(value, str):
            value = value.decode('utf-8', 'replace')
        return u''.join(c for c in unicodedata.normalize('NFKD', value) if not unicodedata.combining(c))

    def StripTags(self, value):
        return re.sub(r'<[^>]*>', '', value)

    def Encode(self, value):
        return self._bytes(value).encode('base64').replace('\n', '')

    def Decode(self, value):
        return self._bytes(value).decode('base64')


# The Framework's names for the machine (its config.py `os_map` and `cpu_map`): a 64-bit Intel CPU is named "i386",
# which is why agents ship their Linux binaries under Contents/Libraries/Linux/i386.
FRAMEWORK_OS_NAMES = {'Darwin': 'MacOSX', 'Linux': 'Linux', 'Windows': 'Windows', 'FreeBSD': 'FreeBSD', 'SunOS': 'SunOS'}
FRAMEWORK_CPU_NAMES = {'i386': 'i386', 'i686': 'i386', 'x86_64': 'i386', 'amd64': 'i386', 'mips': 'MIPS',
                       'mips64': 'mips64', 'armv5tel': 'armv5tel', 'armv6l': 'armv5tel', 'armv7l': 'armv5tel',
                       'ppc': 'ppc'}


class RuntimeInfo(object):
    """`Core.runtime`, as far as agents read it: `os`, `cpu` and `platform` (`Linux-i386`), named as the Framework
    names them."""

    @property
    def os(self):
        return FRAMEWORK_OS_NAMES.get(platform.system(), platform.system())

    @property
    def cpu(self):
        machine = platform.machine()
        return FRAMEWORK_CPU_NAMES.get(machine, machine)

    @property
    def platform(self):
        return '%s-%s' % (self.os, self.cpu)


class PlatformKit(object):
    OS = RuntimeInfo().os
    CPU = RuntimeInfo().cpu
    HasSilverlight = False
    ServerVersion = '1.41.3.9314-sandbox'


# Plex's Locale.Language constants, every one the Framework defines: language names to ISO 639-1 codes (plus Plex's
# "xn" and "xx").
LANGUAGE_CODES = [
    ('Afrikaans', 'af'), ('Albanian', 'sq'), ('Arabic', 'ar'), ('Armenian', 'hy'), ('Basque', 'eu'),
    ('Belarusian', 'be'), ('Bengali', 'bn'), ('Bosnian', 'bs'), ('Bulgarian', 'bg'), ('Catalan', 'ca'),
    ('Chinese', 'zh'), ('Croatian', 'hr'), ('Czech', 'cs'), ('Danish', 'da'), ('Dutch', 'nl'), ('English', 'en'),
    ('Esperanto', 'eo'), ('Estonian', 'et'), ('Faroese', 'fo'), ('Finnish', 'fi'), ('French', 'fr'),
    ('Galician', 'gl'), ('Georgian', 'ka'), ('German', 'de'), ('Greek', 'el'), ('Hebrew', 'he'), ('Hindi', 'hi'),
    ('Hungarian', 'hu'), ('Icelandic', 'is'), ('Indonesian', 'id'), ('Irish', 'ga'), ('Italian', 'it'),
    ('Japanese', 'ja'), ('Kannada', 'kn'), ('Kazakh', 'kk'), ('Korean', 'ko'), ('Latin', 'la'), ('Latvian', 'lv'),
    ('Lithuanian', 'lt'), ('Luxembourgish', 'lb'), ('Macedonian', 'mk'), ('Malay', 'ms'), ('Malayalam', 'ml'),
    ('Maltese', 'mt'), ('Marathi', 'mr'), ('Mongolian', 'mn'), ('Norwegian', 'no'), ('Persian', 'fa'),
    ('Polish', 'pl'), ('Portuguese', 'pt'), ('Punjabi', 'pa'), ('Romanian', 'ro'), ('Russian', 'ru'),
    ('Serbian', 'sr'), ('Slovak', 'sk'), ('Slovenian', 'sl'), ('Spanish', 'es'), ('Swahili', 'sw'), ('Swedish', 'sv'),
    ('Tamil', 'ta'), ('Telugu', 'te'), ('Thai', 'th'), ('Turkish', 'tr'), ('Ukrainian', 'uk'), ('Urdu', 'ur'),
    ('Vietnamese', 'vi'), ('Welsh', 'cy'), ('Yiddish', 'yi'), ('Zulu', 'zu'), ('Abkhazian', 'ab'), ('Afar', 'aa'),
    ('Akan', 'ak'), ('Amharic', 'am'), ('Aragonese', 'an'), ('Assamese', 'as'), ('Avaric', 'av'), ('Avestan', 'ae'),
    ('Aymara', 'ay'), ('Azerbaijani', 'az'), ('Bambara', 'bm'), ('Bashkir', 'ba'), ('Bihari', 'bh'),
    ('Bislama', 'bi'), ('Brazilian', 'pb'), ('Breton', 'br'), ('Burmese', 'my'), ('Chamorro', 'ch'),
    ('Chechen', 'ce'), ('Chichewa', 'ny'), ('ChurchSlavic', 'cu'), ('Chuvash', 'cv'), ('Cornish', 'kw'),
    ('Corsican', 'co'), ('Cree', 'cr'), ('Divehi', 'dv'), ('Dzongkha', 'dz'), ('Ewe', 'ee'), ('Fijian', 'fj'),
    ('Frisian', 'fy'), ('Fulah', 'ff'), ('Gaelic', 'gd'), ('Ganda', 'lg'), ('Guarani', 'gn'), ('Gujarati', 'gu'),
    ('Haitian', 'ht'), ('Hausa', 'ha'), ('Herero', 'hz'), ('HiriMotu', 'ho'), ('Ido', 'io'), ('Igbo', 'ig'),
    ('Interlingua', 'ia'), ('Interlingue', 'ie'), ('Inuktitut', 'iu'), ('Inupiaq', 'ik'), ('Javanese', 'jv'),
    ('Kalaallisut', 'kl'), ('Kanuri', 'kr'), ('Kashmiri', 'ks'), ('Khmer', 'km'), ('Kikuyu', 'ki'),
    ('Kinyarwanda', 'rw'), ('Kirghiz', 'ky'), ('Komi', 'kv'), ('Kongo', 'kg'), ('Kuanyama', 'kj'), ('Kurdish', 'ku'),
    ('Lao', 'lo'), ('Limburgan', 'li'), ('Lingala', 'ln'), ('LubaKatanga', 'lu'), ('Malagasy', 'mg'), ('Manx', 'gv'),
    ('Maori', 'mi'), ('Marshallese', 'mh'), ('Moldavian', 'mo'), ('Nauru', 'na'), ('Navajo', 'nv'), ('Ndonga', 'ng'),
    ('Nepali', 'ne'), ('NorthNdebele', 'nd'), ('NorwegianBokmal', 'nb'), ('NorwegianNynorsk', 'nn'),
    ('Occitan', 'oc'), ('Ojibwa', 'oj'), ('Oriya', 'or'), ('Oromo', 'om'), ('Ossetian', 'os'), ('Pali', 'pi'),
    ('Panjabi', 'pa'), ('Pushto', 'ps'), ('Quechua', 'qu'), ('RaetoRomance', 'rm'), ('Rundi', 'rn'), ('Sami', 'se'),
    ('Samoan', 'sm'), ('Sango', 'sg'), ('Sanskrit', 'sa'), ('Sardinian', 'sc'), ('Shona', 'sn'), ('SichuanYi', 'ii'),
    ('Sindhi', 'sd'), ('Sinhalese', 'si'), ('Somali', 'so'), ('Sotho', 'st'), ('SouthNdebele', 'nr'),
    ('Sundanese', 'su'), ('Swati', 'ss'), ('Tagalog', 'tl'), ('Tahitian', 'ty'), ('Tajik', 'tg'), ('Tatar', 'tt'),
    ('Tibetan', 'bo'), ('Tigrinya', 'ti'), ('Tonga', 'to'), ('Tsonga', 'ts'), ('Tswana', 'tn'), ('Turkmen', 'tk'),
    ('Twi', 'tw'), ('Uighur', 'ug'), ('Uzbek', 'uz'), ('Venda', 've'), ('Volapuk', 'vo'), ('Walloon', 'wa'),
    ('Wolof', 'wo'), ('Xhosa', 'xh'), ('Yoruba', 'yo'), ('Zhuang', 'za'), ('NoLanguage', 'xn'), ('Unknown', 'xx'),
]


class LanguageTable(object):
    """`Locale.Language`: one attribute per language (`Locale.Language.English == 'en'`) and `Match`."""

    def __init__(self):
        for name, code in LANGUAGE_CODES:
            setattr(self, name, code)
        self.codes = dict((code, code) for name, code in LANGUAGE_CODES)
        self.names = dict((name.lower(), code) for name, code in LANGUAGE_CODES)

    def All(self):
        return [code for name, code in LANGUAGE_CODES if code not in ('xn', 'xx')]

    def Match(self, value):
        """A language code for a code ("en", "en-US") or a name ("English"); "xx" when unknown."""
        if not value:
            return 'xx'
        text = value.strip().lower().replace('_', '-')
        if text in self.codes:
            return text
        if text.split('-')[0] in self.codes:
            return text.split('-')[0]
        return self.names.get(text, 'xx')


class LocaleKit(object):
    Language = LanguageTable()
    DefaultLocale = 'en-us'
    Geolocation = 'US'
    CurrentLocale = 'en-us'


class Storage(object):
    """`Core.storage`: the Framework's file helpers."""

    def join_path(self, *parts):
        return os.path.join(*parts)

    def file_exists(self, path):
        return os.path.isfile(path)

    def dir_exists(self, path):
        return os.path.isdir(path)

    def link_exists(self, path):
        return os.path.islink(path)

    def load(self, path, binary=True, mtime_key=None):
        with open(path, 'rb' if binary else 'r') as handle:
            return handle.read()

    def save(self, path, data, binary=True, mtime_key=None):
        folder = os.path.dirname(path)
        if folder and not os.path.isdir(folder):
            os.makedirs(folder)
        temporary = path + '.tmp'
        with open(temporary, 'wb' if binary else 'w') as handle:
            handle.write(data.encode('utf-8') if isinstance(data, unicode) else data)
        os.rename(temporary, path)

    def list_dir(self, path):
        return os.listdir(path)

    def make_dirs(self, path):
        if not os.path.isdir(path):
            os.makedirs(path)

    def ensure_dirs(self, path):
        self.make_dirs(path)

    def remove(self, path):
        os.remove(path)

    def remove_tree(self, path):
        import shutil
        shutil.rmtree(path, ignore_errors=True)

    def rename(self, src, dst):
        os.rename(src, dst)

    def copy(self, src, dst):
        import shutil
        shutil.copyfile(src, dst)

    def abs_path(self, path):
        return os.path.abspath(path)

    def dir_name(self, path):
        return os.path.dirname(path)

    def base_name(self, path):
        return os.path.basename(path)

    def file_size(self, path):
        return os.path.getsize(path)

    def last_modified(self, path):
        return os.path.getmtime(path)


class CoreKit(object):
    def __init__(self, bundle_path, identifier, app_support_path, plugin_log=None):
        self.bundle_path = bundle_path
        self.identifier = identifier
        self.code_path = os.path.join(bundle_path, 'Contents', 'Code')
        self.app_support_path = app_support_path
        self.plugin_support_path = os.path.join(app_support_path, 'Plug-in Support')
        self.storage = Storage()
        self.runtime = RuntimeInfo()
        self.plugin_log = plugin_log
        # Where the Framework keeps the plug-in's data (`Data`); agents read it from `Core.storage.data_path`.
        self.storage.data_path = os.path.join(self.plugin_support_path, 'Data', identifier)
        self.localization = localization.Localization(self, LocaleKit.DefaultLocale)
        self.logger = None

    @property
    def log(self):
        """`Core.log`: the plug-in's `logging` logger, whose records go to the plug-in's log; agents set its level
        and attach their own handlers. Made on first use: importing `logging` at start-up would shadow an agent's own
        `logging.py` in Contents/Code, which Plex's importer finds before the standard library."""
        if self.logger is None:
            self.logger = logkit.framework_logger(self.identifier, self.plugin_log)
        return self.logger


class DataKit(object):
    """`Data`: the plug-in's own data folder (Save/Load/Exists/Remove, SaveObject/LoadObject)."""

    def __init__(self, storage, folder, core=None):
        self.storage = storage
        self.folder = folder
        # Every kit of the Framework holds the core as `_core`; agents reach it through `getattr(Data, '_core')`.
        self._core = core

    def path(self, item):
        return os.path.join(self.folder, item)

    def Save(self, item, data):
        self.storage.save(self.path(item), data)

    def Load(self, item):
        return self.storage.load(self.path(item)) if self.Exists(item) else None

    def Exists(self, item):
        return os.path.isfile(self.path(item))

    def Remove(self, item):
        if self.Exists(item):
            os.remove(self.path(item))

    def SaveObject(self, item, obj):
        import cPickle
        self.Save(item, cPickle.dumps(obj))

    def LoadObject(self, item):
        import cPickle
        data = self.Load(item)
        return cPickle.loads(data) if data is not None else None


class ThreadKit(object):
    """`Thread`: Create/CreateTimer/Sleep/Lock as agents use them."""

    def Create(self, function, *args, **kwargs):
        import threading
        worker = threading.Thread(target=function, args=args, kwargs=kwargs)
        worker.daemon = True
        worker.start()
        return worker

    def CreateTimer(self, interval, function, *args, **kwargs):
        import threading
        timer = threading.Timer(interval, function, args, kwargs)
        timer.daemon = True
        timer.start()
        return timer

    def Sleep(self, seconds):
        time.sleep(seconds)

    def Lock(self, key=None):
        import threading
        return threading.Lock()


class Parallelizer(object):
    """`@parallelize` and `@task`, as the Framework's ThreadKit offers them: the `@parallelize` function runs at once
    (when it is decorated), every `@task` it defines is collected, and the tasks then run before the caller goes on.
    The box runs them one after another on the caller's thread; a task that raises is logged and the others run."""

    def __init__(self, log):
        self._log = log
        self._tasks = None
        self._lock = threading.RLock()

    def parallelize(self, function, *args, **kwargs):
        with self._lock:
            self._tasks = []
            try:
                function(*args, **kwargs)
                tasks = self._tasks
            finally:
                self._tasks = None
            self._log.write('DEBUG', 'threadkit', 234, 'Starting a parallel task set named %s with %d tasks'
                            % (function.__name__, len(tasks)))
            for task in tasks:
                try:
                    task()
                except Exception:
                    self._log.exception('runtime', 1219, 'Exception in task %s' % task.__name__)
            self._log.write('DEBUG', 'threadkit', 243, 'Parallel task set %s ended' % function.__name__)

    def task(self, function):
        if isinstance(self._tasks, list):
            self._tasks.append(function)
        else:
            self._log.write('DEBUG', 'threadkit', 251, 'Unable to create a task for %s - not inside a parallelizer!'
                            % function.__name__)
        return function


class DatetimeKit(object):
    def Now(self):
        return datetime.datetime.now()

    def ParseDate(self, value, fmt=None):
        if fmt:
            return datetime.datetime.strptime(value, fmt)
        for candidate in ('%Y-%m-%d', '%Y-%m-%dT%H:%M:%S', '%d %B %Y', '%B %d, %Y', '%Y'):
            try:
                return datetime.datetime.strptime(value.strip(), candidate)
            except ValueError:
                continue
        raise ValueError('Unable to parse date: %r' % value)

    def Delta(self, **kwargs):
        return datetime.timedelta(**kwargs)

    def TimestampFromDatetime(self, value):
        return int(time.mktime(value.timetuple()))


class UtilKit(object):
    def Random(self):
        import random
        return random.random()

    def RandomInt(self, a, b):
        import random
        return random.randint(a, b)

    def LevenshteinDistance(self, a, b):
        previous = range(len(b) + 1)
        for i, ca in enumerate(a, 1):
            current = [i]
            for j, cb in enumerate(b, 1):
                current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
            previous = current
        return previous[-1]


class HashKit(object):
    """`Hash`: hex digests (`Hash.SHA1(s)`), the raw digest with `digest=True`, and `CRC32` as eight upper-case hex
    digits, as the Framework gives them."""

    @staticmethod
    def _digest(algorithm, data, digest):
        value = hashlib.new(algorithm, data.encode('utf-8') if isinstance(data, unicode) else data)
        return value.digest() if digest else value.hexdigest()

    def MD5(self, data, digest=False):
        return self._digest('md5', data, digest)

    def SHA1(self, data, digest=False):
        return self._digest('sha1', data, digest)

    def SHA224(self, data, digest=False):
        return self._digest('sha224', data, digest)

    def SHA256(self, data, digest=False):
        return self._digest('sha256', data, digest)

    def SHA384(self, data, digest=False):
        return self._digest('sha384', data, digest)

    def SHA512(self, data, digest=False):
        return self._digest('sha512', data, digest)

    def CRC32(self, data):
        return '%08X' % (binascii.crc32(data.encode('utf-8') if isinstance(data, unicode) else data) & 0xffffffff)


class DictKit(dict):
    """`Dict`: the plug-in's dictionary. As the Framework's, a key it does not hold reads as None."""

    def __missing__(self, key):
        return None

    def Save(self):
        pass

    def Reset(self):
        self.clear()
