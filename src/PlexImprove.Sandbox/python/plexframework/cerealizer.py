# -*- coding: utf-8 -*-
"""Just enough of the cerealizer format (and Plex's URL-safe base64) to write messaging request lines."""
import base64


def _string(value):
    if isinstance(value, unicode):
        value = value.encode('utf-8')
    return 's%d\n%s' % (len(value), value)


def _value(value):
    if value is None:
        return 'n'
    if value is True:
        return 'b1'
    if value is False:
        return 'b0'
    if isinstance(value, (int, long)):
        return 'i%d\n' % value
    return _string(value)


def dumps_dict(pairs):
    """A dict as the single object of a cereal stream; `pairs` keeps Plex's key order."""
    body = ''.join(_value(v) + _string(k) for k, v in pairs)
    return 'cereal1\n1\ndict\n%d\n%sr0\n' % (len(pairs), body)


def dumps_empty_list():
    return 'cereal1\n1\nlist\n0\nr0\n'


def plex_b64(raw):
    """URL-safe base64 with '=' written as '_', as Plex puts arguments in messaging paths."""
    return base64.urlsafe_b64encode(raw).replace('=', '_')
