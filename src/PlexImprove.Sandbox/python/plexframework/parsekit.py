# -*- coding: utf-8 -*-
"""HTML and XML elements with lxml's API; parsing and XPath are done by the sandbox host.

lxml is not available for Python 2.7 here, so a page is sent once to the emulator (`POST /:/plexbox/html/parse`),
which parses it with the parser the `test_xpath` tool uses and keeps it; the answer is the element tree (text, tail,
attributes, children, one id per element in document order). Every `xpath()` call is one request
(`POST /:/plexbox/html/xpath`) evaluated there by the same full XPath 1.0 evaluator, relative to the element it is
called on, so an expression gives in the box exactly what `test_xpath` shows. Results are lxml's: elements,
"smart" strings for text and attribute nodes, floats, bools, plain strings.
"""
import httplib
import json
import socket
import threading

VOID = frozenset('area base br col embed hr img input link meta param source track wbr'.split())


class LxmlError(Exception):
    pass


class XPathError(LxmlError):
    pass


class XPathEvalError(XPathError):
    """An expression the evaluator rejects (lxml: `XPathEvalError: Invalid expression`)."""


class XMLSyntaxError(LxmlError, SyntaxError):
    pass


class ParserError(LxmlError):
    pass


class ParseHostUnavailable(LxmlError):
    """The sandbox host that parses pages cannot be reached."""


def _native(value):
    """lxml on Python 2 gives str for ASCII-only text and unicode otherwise."""
    if value is None or isinstance(value, str):
        return value
    try:
        return value.encode('ascii')
    except UnicodeEncodeError:
        return value


class _SmartStr(str):
    """A text or attribute node result (lxml's _ElementStringResult)."""

    def getparent(self):
        return self._parent


class _SmartUnicode(unicode):
    """A text or attribute node result (lxml's _ElementUnicodeResult)."""

    def getparent(self):
        return self._parent


def _smart(value, parent, attribute):
    value = _native(value)
    result = _SmartStr(value) if isinstance(value, str) else _SmartUnicode(value)
    result._parent = parent
    result.attrname = _native(attribute)
    result.is_attribute = attribute is not None
    result.is_text = attribute is None
    result.is_tail = False
    return result


class ParseHost(object):
    """The loopback connection to the emulator; one kept-alive HTTP connection, shared by threads under a lock."""

    def __init__(self, port, token, address='127.0.0.1'):
        self.address = address
        self.port = int(port)
        self.token = token or ''
        self._lock = threading.Lock()
        self._connection = None

    def post(self, path, body, content_type):
        headers = {'Content-Type': content_type, 'X-Plex-Token': self.token, 'Connection': 'keep-alive'}
        with self._lock:
            for attempt in (1, 2):
                try:
                    if self._connection is None:
                        self._connection = httplib.HTTPConnection(self.address, self.port, timeout=60)
                    self._connection.request('POST', path, body, headers)
                    response = self._connection.getresponse()
                    return response.status, json.loads(response.read() or 'null')
                except (socket.error, httplib.HTTPException):
                    if self._connection is not None:
                        self._connection.close()
                    self._connection = None
                    if attempt == 2:
                        raise ParseHostUnavailable('the sandbox host that parses HTML/XML is not reachable at %s:%d'
                                                   % (self.address, self.port))


_default_host = [None]


def connect(port, token, address='127.0.0.1'):
    """Sets the host module-level parsing uses (the plug-in process does this at start-up)."""
    _default_host[0] = ParseHost(port, token, address)
    return _default_host[0]


def _host(host):
    host = host or _default_host[0]
    if host is None:
        raise ParseHostUnavailable('HTML/XML parsing needs the sandbox host; none is configured')
    return host


class _Document(object):
    """A page kept by the host: its id there and the source, to parse it again if the host dropped it."""

    def __init__(self, host, kind, source):
        self.host = host
        self.kind = kind
        self.source = source
        self.id = None
        self.elements = []

    def parse(self):
        path = '/:/plexbox/html/parse?kind=' + self.kind
        status, answer = self.host.post(path, self.source, 'text/%s; charset=utf-8' % self.kind)
        if status != 200:
            message = (answer or {}).get('error') or 'HTTP %d' % status
            if message.startswith('XMLSyntaxError: '):
                raise XMLSyntaxError(message[len('XMLSyntaxError: '):])
            if message.startswith('ParserError: '):
                raise ParserError(message[len('ParserError: '):])
            raise ParserError(message)
        self.id = answer['doc']
        return answer['root']

    def xpath(self, element, expression, smart_strings=True):
        body = json.dumps({'doc': self.id, 'node': element._id, 'expr': expression})
        status, answer = self.host.post('/:/plexbox/html/xpath', body, 'application/json')
        if status == 404:
            self.parse()  # dropped from the host's cache: the same page parses to the same element ids
            body = json.dumps({'doc': self.id, 'node': element._id, 'expr': expression})
            status, answer = self.host.post('/:/plexbox/html/xpath', body, 'application/json')
        if status != 200:
            raise XPathEvalError((answer or {}).get('error') or 'Invalid expression')
        if 'nodes' in answer:
            results = []
            for item in answer['nodes']:
                if 'n' in item:
                    results.append(self.elements[item['n']])
                else:
                    parent = self.elements[item['p']] if 'p' in item else None
                    text = item.get('s', u'')
                    results.append(_smart(text, parent, item.get('a')) if smart_strings else _native(text))
            return results
        if 'number' in answer:
            return float(answer['number'])
        if 'boolean' in answer:
            return bool(answer['boolean'])
        return _native(answer.get('string', u''))


class Element(object):
    """An element with lxml's API, read-only."""

    def __init__(self, document, data, parent):
        self._document = document
        self._id = data['id']
        self._parent = parent
        self.tag = _native(data['tag'])
        self.attrib = dict((_native(k), _native(v)) for k, v in data['attrib'].items())
        self.text = _native(data.get('text'))
        self.tail = _native(data.get('tail'))
        document.elements.append(self)
        self._children = [Element(document, child, self) for child in data['children']]

    # attributes
    def get(self, name, default=None):
        return self.attrib.get(name, default)

    def keys(self):
        return self.attrib.keys()

    def values(self):
        return self.attrib.values()

    def items(self):
        return self.attrib.items()

    # navigation
    def getparent(self):
        return self._parent

    def getchildren(self):
        return list(self._children)

    def _siblings(self):
        return self._parent._children if self._parent is not None else [self]

    def getnext(self):
        siblings = self._siblings()
        index = siblings.index(self)
        return siblings[index + 1] if index + 1 < len(siblings) else None

    def getprevious(self):
        siblings = self._siblings()
        index = siblings.index(self)
        return siblings[index - 1] if index > 0 else None

    def getroottree(self):
        node = self
        while node._parent is not None:
            node = node._parent
        return node

    def __iter__(self):
        return iter(self._children)

    def __len__(self):
        return len(self._children)

    def __getitem__(self, index):
        return self._children[index]

    def iterchildren(self, tag=None):
        return (c for c in self._children if tag is None or c.tag == tag)

    def iterancestors(self, tag=None):
        node = self._parent
        while node is not None:
            if tag is None or node.tag == tag:
                yield node
            node = node._parent

    def iter(self, tag=None, *tags):
        wanted = set((tag,) + tags) if tag not in (None, '*') else None
        stack = [self]
        while stack:
            node = stack.pop()
            if wanted is None or node.tag in wanted:
                yield node
            stack.extend(reversed(node._children))

    def iterdescendants(self, tag=None):
        return (n for n in self.iter(tag) if n is not self)

    def itertext(self):
        if self.text:
            yield self.text
        for child in self._children:
            for text in child.itertext():
                yield text
            if child.tail:
                yield child.tail

    def text_content(self):
        return _smart(u''.join(self.itertext()), self, None)

    # queries
    def xpath(self, _path, namespaces=None, extensions=None, smart_strings=True, **variables):
        return self._document.xpath(self, _path, smart_strings)

    def _element_path(self, path):
        if path.startswith('/'):
            raise SyntaxError('cannot use absolute path on element')
        return path if path.startswith('.') else './' + path

    def find(self, path, namespaces=None):
        found = [n for n in self.xpath(self._element_path(path)) if isinstance(n, Element)]
        return found[0] if found else None

    def findall(self, path, namespaces=None):
        return [n for n in self.xpath(self._element_path(path)) if isinstance(n, Element)]

    def iterfind(self, path, namespaces=None):
        return iter(self.findall(path))

    def findtext(self, path, default=None, namespaces=None):
        found = self.find(path)
        if found is None:
            return default
        return found.text or ''

    def __repr__(self):
        return '<Element %s at 0x%x>' % (self.tag, id(self))


def _escape(text, attribute=False):
    text = text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
    return text.replace('"', '&quot;') if attribute else text


def to_string(element, html=True, with_tail=True):
    """The element's markup (lxml's tostring): start tag, text, children, end tag and, by default, its tail."""
    parts = []

    def write(node, tail):
        attributes = ''.join(u' %s="%s"' % (k, _escape(unicode(v), True)) for k, v in node.attrib.items())
        parts.append(u'<%s%s' % (node.tag, attributes))
        if html and node.tag in VOID and not node._children and not node.text:
            parts.append(u'>')
        elif not html and not node._children and not node.text:
            parts.append(u'/>')
        else:
            parts.append(u'>')
            if node.text:
                parts.append(_escape(unicode(node.text)))
            for child in node._children:
                write(child, True)
            parts.append(u'</%s>' % node.tag)
        if tail and node.tail:
            parts.append(_escape(unicode(node.tail)))

    write(element, with_tail)
    return u''.join(parts)


def html_from_string(content, host=None):
    if isinstance(content, unicode):
        content = content.encode('utf-8')
    else:
        content = content.decode('utf-8', 'replace').encode('utf-8')
    document = _Document(_host(host), 'html', content)
    return Element(document, document.parse(), None)


def xml_from_string(content, host=None):
    if isinstance(content, unicode):
        content = content.encode('utf-8')
    document = _Document(_host(host), 'xml', content)
    return Element(document, document.parse(), None)


class HTMLKit(object):
    """The injected `HTML`."""

    def __init__(self, http, host=None):
        self._http = http
        self._parse_host = host

    def ElementFromString(self, content, max_size=None):
        return html_from_string(content, self._parse_host)

    def ElementFromURL(self, url, values=None, headers={}, cacheTime=None, encoding=None, errors=None,
                       timeout=None, sleep=0, follow_redirects=True, method=None, max_size=None):
        return html_from_string(self._http.Request(url, values=values, headers=headers, cacheTime=cacheTime,
                                                   timeout=timeout, sleep=sleep, method=method).content,
                                self._parse_host)

    def StringFromElement(self, element, encoding='utf8'):
        return to_string(element, html=True).encode(encoding)


class XMLKit(object):
    """The injected `XML`."""

    def __init__(self, http, host=None):
        self._http = http
        self._parse_host = host

    def ElementFromString(self, content, encoding=None, max_size=None):
        return xml_from_string(content, self._parse_host)

    # The Framework's signatures (max_size caps a download there; pages here are never that large).
    def ElementFromURL(self, url, values=None, headers={}, cacheTime=None, encoding=None, errors=None, timeout=None,
                       sleep=0, follow_redirects=True, method=None, max_size=None):
        return xml_from_string(self._http.Request(url, values=values, headers=headers, cacheTime=cacheTime,
                                                  timeout=timeout, sleep=sleep, method=method).content,
                               self._parse_host)

    def StringFromElement(self, element, encoding='utf8'):
        return to_string(element, html=False).encode(encoding)
