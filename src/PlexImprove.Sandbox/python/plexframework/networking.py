# -*- coding: utf-8 -*-
"""The Framework's HTTP API: requests go to the scenario's fake sites on loopback, logged like Plex does."""
import httplib
import os
import socket
import time
import urllib
import urllib2
import urlparse
from StringIO import StringIO

DEFAULT_TIMEOUT = 20.0
DEFAULT_USER_AGENT = 'PlexPluginFramework/2.6.3 (Plex Media Server)'


class HTTPResponse(object):
    """What `HTTP.Request` returns: `.content`, `.headers`, and `str()` gives the body."""

    def __init__(self, url, status, headers, content):
        self.url = url
        self.status = status
        self.headers = headers
        self.content = content

    def __str__(self):
        return self.content

    def __len__(self):
        return len(self.content)

    def load(self):
        return self


class HeadersDict(dict):
    """`HTTP.Headers`: default headers sent with every request."""


class HTTPKit(object):
    """The injected `HTTP` object."""

    def __init__(self, log, network):
        self._log = log
        self._network = network
        self._cache = {}
        self.Headers = HeadersDict()
        self.Headers['User-Agent'] = DEFAULT_USER_AGENT
        self.CacheTime = 0
        self._timeout = DEFAULT_TIMEOUT

    def SetTimeout(self, seconds):
        self._timeout = float(seconds)

    def SetCacheTime(self, seconds):
        self.CacheTime = seconds

    def ClearCache(self):
        self._cache.clear()

    def Request(self, url, values=None, headers={}, cacheTime=None, encoding=None, errors=None,
                timeout=None, immediate=False, sleep=0, data=None, follow_redirects=True, method=None):
        if isinstance(url, unicode):
            url = url.encode('utf-8')
        if values is not None and data is None:
            data = urllib.urlencode(values)
        cache_time = self.CacheTime if cacheTime is None else cacheTime
        cache_key = (url, data)
        if data is None and cache_time and cache_time > 0:
            cached = self._cache.get(cache_key)
            if cached is not None and cached[0] > time.time():
                self._log.write('DEBUG', 'networking', 139, "Fetching '%s' from the HTTP cache" % url)
                return cached[1]
        self._log.write('DEBUG', 'networking', 144, "Requesting '%s'" % url)
        merged = dict(self.Headers)
        merged.update(headers or {})
        if os.environ.get('PLEXTOKEN') and url.startswith('http://127.0.0.1'):
            # As the Framework does: requests to the local server carry the token Plex gives the plug-in process.
            merged['X-Plex-Token'] = os.environ['PLEXTOKEN']
        try:
            response = self._send(url, data, merged, self._timeout if timeout is None else float(timeout),
                                  method or ('POST' if data is not None else 'GET'))
        except Exception:
            self._log.write('ERROR', 'networking', 197, "Error opening URL '%s'" % url)
            raise
        if sleep:
            time.sleep(float(sleep))
        if data is None and cache_time and cache_time > 0:
            content_type = response.headers.get('content-type', '')
            if content_type.startswith('image/'):
                self._log.write('DEBUG', 'networking', 176,
                                "Not caching '%s' (content type '%s' not cacheable in Agent plug-ins)" % (url, content_type))
            else:
                self._cache[cache_key] = (time.time() + cache_time, response)
        return response

    def _send(self, url, data, headers, timeout, method):
        parts = urlparse.urlsplit(url)
        host = parts.hostname or ''
        # Scenario sites serve plain HTTP on loopback, whatever scheme the agent asked for; the contained network
        # (socket level) sends the host name to the right port, or refuses it.
        if parts.scheme == 'https' and not (self._network.mode == 'fake' and self._network.is_site(host)):
            connection_class = httplib.HTTPSConnection
        else:
            connection_class = httplib.HTTPConnection
        path = parts.path or '/'
        if parts.query:
            path += '?' + parts.query
        connection = connection_class(host, parts.port, timeout=timeout)
        try:
            sent = {'Host': parts.netloc}
            sent.update(headers)
            if data is not None:
                sent.setdefault('Content-Type', 'application/x-www-form-urlencoded')
            try:
                connection.request(method, path, data, sent)
                raw = connection.getresponse()
                body = raw.read()
            except socket.timeout as e:
                raise urllib2.URLError(e)
            except socket.error as e:
                raise urllib2.URLError(e)
            response_headers = dict((k.lower(), v) for k, v in raw.getheaders())
            if raw.status >= 400:
                raise urllib2.HTTPError(url, raw.status, raw.reason, response_headers, StringIO(body))
            if raw.status in (301, 302, 303, 307) and 'location' in response_headers:
                return self._send(urlparse.urljoin(url, response_headers['location']), None, headers, timeout, 'GET')
            return HTTPResponse(url, raw.status, response_headers, body)
        finally:
            connection.close()
