# -*- coding: utf-8 -*-
"""`Core.localization` and the strings it makes (`L('key')`, `F('key', args)`), as the Framework's localization
component behaves for agents.

Strings come from the bundle's `Contents/Strings/<lang>.json` (and `<lang>-<country>.json`): the value for the
requested locale, else for the default locale, else the key itself. A localized string stays lazy: it is looked up
when it is turned into text, and `+` keeps it lazy. Agents reach into this module through
`Core.localization.__class__` to subclass its string types (a subtitle agent subclasses the formatter), so the three
string classes live here, beside the component, as they do in the Framework.
"""
import json
import os


class LocalString(object):
    """A key that becomes text in the current (or given) locale when converted."""

    def __init__(self, core, key, locale=None):
        self._core = core
        self._locale = locale
        self._key = key._key if isinstance(key, LocalString) else key

    def __str__(self):
        return self._core.localization.localize(self._key, self._locale)

    def __unicode__(self):
        return unicode(self.__str__())

    def __repr__(self):
        return 'Framework.components.localization.LocalString(%r)' % (self._key,)

    def __add__(self, other):
        return LocalStringPair(self, other, self._locale)

    def __radd__(self, other):
        return LocalStringPair(other, self, self._locale)

    def localize(self, locale):
        return self._core.localization.localize(self._key, locale)


def _localized(value, locale):
    return value.localize(locale) if isinstance(value, (LocalString, LocalStringPair)) else value


class LocalStringPair(object):
    """Two strings joined by `+`, either or both localized when converted."""

    def __init__(self, string1, string2, locale=None):
        self._string1 = string1
        self._string2 = string2
        self._locale = locale

    def __str__(self):
        return self._string1.__str__() + self._string2.__str__()

    def __unicode__(self):
        return unicode(self.__str__())

    def __repr__(self):
        return 'Framework.components.localization.LocalStringPair(%r, %r)' % (self._string1, self._string2)

    def __add__(self, other):
        return LocalStringPair(self, other, self._locale)

    def __radd__(self, other):
        return LocalStringPair(other, self, self._locale)

    def localize(self, locale):
        return _localized(self._string1, locale) + _localized(self._string2, locale)


class LocalStringFormatter(LocalStringPair):
    """A localized format string and its arguments (`F('key', a, b)`): formatted when converted."""

    def __str__(self):
        return self._string1.__str__() % self._string2

    def __repr__(self):
        return 'Framework.components.localization.LocalStringFormatter(%r, %r)' % (self._string1, self._string2)

    def localize(self, locale):
        return _localized(self._string1, locale) % self._string2


class Localization(object):
    """The component: string tables read from the bundle on first use, one per language and per language-country."""

    def __init__(self, core, default_locale='en-us'):
        self._core = core
        self._tables = {}
        self.default_locale = default_locale

    def local_string(self, key, locale=None):
        return LocalString(self._core, key, locale)

    def local_string_with_format(self, key, locale=None, *args):
        return LocalStringFormatter(LocalString(self._core, key, locale), tuple(args))

    def _table(self, name):
        if name not in self._tables:
            path = os.path.join(self._core.bundle_path, 'Contents', 'Strings', name + '.json')
            table = {}
            if os.path.isfile(path):
                try:
                    with open(path, 'rb') as handle:
                        table = json.loads(handle.read())
                except Exception:
                    self._core.plugin_log.write('ERROR', 'localization', 427, 'Exception when trying to load %s strings' % name)
            self._tables[name] = table if isinstance(table, dict) else {}
        return self._tables[name]

    def _lookup(self, key, locale):
        language = locale.split('-', 1)[0]
        if '-' in locale and key in self._table(locale):
            return self._table(locale)[key]
        return self._table(language).get(key)

    def localize(self, key, locale=None):
        for candidate in (locale or self.default_locale, self.default_locale):
            value = self._lookup(key, candidate)
            if value:
                return value
        return key
