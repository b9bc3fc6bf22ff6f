# -*- coding: utf-8 -*-
"""The globals the Framework injects into agent code (besides Log, HTTP, HTML, XML)."""
import datetime
import json
import os
import platform
import re
import time
import unicodedata
import urllib

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


class AgentKit(object):
    Movies = _Movies
    TV_Shows = _TVShows


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


def _text(value):
    if value is None:
        return None
    if isinstance(value, str):
        return value.decode('utf-8', 'replace')
    return unicode(value)


class MediaPart(object):
    def __init__(self, path):
        self.file = path
        self.openSubtitleHash = None


class MediaItem(object):
    def __init__(self, path):
        self.parts = [MediaPart(path)]


class Media(object):
    """The `media` object of search and update."""

    def __init__(self, rating_key, name, year, path, primary_metadata=None):
        self.id = rating_key
        self.name = name
        self.title = name
        self.year = year
        self.filename = urllib.quote(path.encode('utf-8') if isinstance(path, unicode) else path)
        self.openSubtitlesHash = None
        self.duration = None
        self.guid = None
        self.primary_agent = None
        self.primary_metadata = primary_metadata
        self.items = [MediaItem(path)]


class PrefsKit(object):
    """`Prefs['id']` backed by the bundle's DefaultPrefs.json."""

    def __init__(self, bundle_path):
        self._values = {}
        path = os.path.join(bundle_path, 'Contents', 'DefaultPrefs.json')
        if os.path.exists(path):
            with open(path, 'rb') as handle:
                for pref in json.load(handle):
                    value = pref.get('default')
                    if pref.get('type') == 'bool' and isinstance(value, basestring):
                        value = value.lower() == 'true'
                    self._values[pref.get('id')] = value

    def __getitem__(self, key):
        return self._values.get(key)


class JSONKit(object):
    def __init__(self, http):
        self._http = http

    def ObjectFromString(self, content, encoding=None, errors=None):
        return json.loads(content)

    def ObjectFromURL(self, url, values=None, headers={}, cacheTime=None, encoding=None, errors=None,
                      timeout=None, sleep=0):
        return json.loads(self._http.Request(url, values=values, headers=headers, cacheTime=cacheTime,
                                             timeout=timeout, sleep=sleep).content)

    def StringFromObject(self, obj):
        return json.dumps(obj)


class StringKit(object):
    @staticmethod
    def _bytes(value):
        return value.encode('utf-8') if isinstance(value, unicode) else str(value)

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


class PlatformKit(object):
    OS = {'Linux': 'Linux', 'Darwin': 'MacOSX', 'Windows': 'Windows'}.get(platform.system(), platform.system())
    CPU = 'x86_64'
    HasSilverlight = False
    ServerVersion = '1.41.3.9314-sandbox'


class _Language(object):
    English = 'en'
    NoLanguage = 'xn'
    Unknown = 'xx'


class LocaleKit(object):
    Language = _Language
    DefaultLocale = 'en-us'


class _Storage(object):
    def join_path(self, *parts):
        return os.path.join(*parts)

    def file_exists(self, path):
        return os.path.isfile(path)

    def dir_exists(self, path):
        return os.path.isdir(path)

    def load(self, path, binary=True):
        with open(path, 'rb') as handle:
            return handle.read()

    def list_dir(self, path):
        return os.listdir(path)

    def abs_path(self, path):
        return os.path.abspath(path)


class CoreKit(object):
    def __init__(self, bundle_path, identifier):
        self.bundle_path = bundle_path
        self.identifier = identifier
        self.code_path = os.path.join(bundle_path, 'Contents', 'Code')
        self.storage = _Storage()
        self.log = None


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


class DictKit(dict):
    def Save(self):
        pass

    def Reset(self):
        self.clear()
