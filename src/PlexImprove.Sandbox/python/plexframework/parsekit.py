# -*- coding: utf-8 -*-
"""HTML and XML elements with an lxml-like API and a practical XPath subset, built on the stdlib.

Supported XPath: absolute and relative paths (`/`, `//`, `.`, `./`, `.//`, `..`), name tests and `*`,
predicates `[@a]`, `[@a="v"]`, `[contains(@a, "v")]`, `[starts-with(@a, "v")]`, `[contains(text(), "v")]`,
`[text()="v"]`, `[child]`, `[child="v"]`, `[n]`, `[last()]`, and final steps `text()` and `@attr`.
Union `|` of whole paths is supported; functions such as `normalize-space()` are not.
"""
import re
import xml.etree.ElementTree as ElementTree
from HTMLParser import HTMLParser
import htmlentitydefs

VOID = set('area base br col embed hr img input link meta param source track wbr'.split())


class Element(object):
    def __init__(self, tag, attrib=None, parent=None):
        self.tag = tag
        self.attrib = attrib or {}
        self.parent = parent
        self.children = []
        self.text = None
        self.tail = None

    # lxml-like API
    def get(self, name, default=None):
        return self.attrib.get(name, default)

    def getparent(self):
        return self.parent

    def getchildren(self):
        return list(self.children)

    def __iter__(self):
        return iter(self.children)

    def __len__(self):
        return len(self.children)

    def __getitem__(self, index):
        return self.children[index]

    def iter(self, tag=None):
        if tag is None or tag == '*' or self.tag == tag:
            yield self
        for child in self.children:
            for node in child.iter(tag):
                yield node

    def text_content(self):
        parts = []
        self._collect(parts)
        return u''.join(parts)

    def _collect(self, parts):
        if self.text:
            parts.append(self.text)
        for child in self.children:
            child._collect(parts)
            if child.tail:
                parts.append(child.tail)

    def find(self, path):
        found = self.xpath(path if path.startswith('.') else './' + path)
        return found[0] if found else None

    def findall(self, path):
        return self.xpath(path if path.startswith('.') else './' + path)

    def xpath(self, expression):
        results = []
        for branch in _split_union(expression):
            results.extend(_evaluate(self, branch.strip()))
        return results

    def __repr__(self):
        return '<Element %s at 0x%x>' % (self.tag, id(self))


class _TreeBuilder(HTMLParser):
    def __init__(self):
        HTMLParser.__init__(self)
        self.root = Element('html')
        self.current = self.root
        self._last = None

    def handle_starttag(self, tag, attrs):
        if tag == 'html' and self.current is self.root and not self.root.children:
            self.root.attrib = dict((k, v or '') for k, v in attrs)
            return
        element = Element(tag, dict((k, v or '') for k, v in attrs), self.current)
        self.current.children.append(element)
        self._last = element
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, dict((k, v or '') for k, v in attrs), self.current)
        self.current.children.append(element)
        self._last = element

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node is not self.root:
            self._last = node
            self.current = node.parent

    def _text(self, data):
        if self.current.children:
            last = self.current.children[-1]
            last.tail = (last.tail or u'') + data
        else:
            self.current.text = (self.current.text or u'') + data

    def handle_data(self, data):
        self._text(data)

    def handle_entityref(self, name):
        code = htmlentitydefs.name2codepoint.get(name)
        self._text(unichr(code) if code else u'&%s;' % name)

    def handle_charref(self, name):
        try:
            code = int(name[1:], 16) if name.lower().startswith('x') else int(name)
            self._text(unichr(code))
        except ValueError:
            self._text(u'&#%s;' % name)


def html_from_string(content):
    if isinstance(content, str):
        content = content.decode('utf-8', 'replace')
    builder = _TreeBuilder()
    builder.feed(content)
    builder.close()
    return builder.root


def _convert(node, parent=None):
    tag = node.tag.split('}', 1)[-1] if isinstance(node.tag, basestring) else str(node.tag)
    element = Element(tag, dict(node.attrib), parent)
    element.text = node.text
    element.tail = node.tail
    for child in node:
        element.children.append(_convert(child, element))
    return element


def xml_from_string(content):
    if isinstance(content, unicode):
        content = content.encode('utf-8')
    return _convert(ElementTree.fromstring(content))


def _split_union(expression):
    parts, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(expression):
        if quote:
            if ch == quote:
                quote = None
        elif ch in '"\'':
            quote = ch
        elif ch == '[':
            depth += 1
        elif ch == ']':
            depth -= 1
        elif ch == '|' and depth == 0:
            parts.append(expression[start:i])
            start = i + 1
    parts.append(expression[start:])
    return parts


def _tokenize(path):
    """Splits a path into (axis, step) pairs; axis is '/' (child) or '//' (descendant-or-self)."""
    steps, i, n = [], 0, len(path)
    axis = '/'
    while i < n:
        if path.startswith('//', i):
            axis = '//'
            i += 2
            continue
        if path[i] == '/':
            axis = '/'
            i += 1
            continue
        depth, quote, j = 0, None, i
        while j < n:
            ch = path[j]
            if quote:
                if ch == quote:
                    quote = None
            elif ch in '"\'':
                quote = ch
            elif ch == '[':
                depth += 1
            elif ch == ']':
                depth -= 1
            elif ch == '/' and depth == 0:
                break
            j += 1
        steps.append((axis, path[i:j]))
        axis = '/'
        i = j
    return steps


def _predicates(text):
    preds, depth, quote, start = [], 0, None, None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in '"\'':
            quote = ch
        elif ch == '[':
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == ']':
            depth -= 1
            if depth == 0:
                preds.append(text[start:i].strip())
    return preds


def _root(node):
    while node.parent is not None:
        node = node.parent
    return node


def _descendants_or_self(node):
    return list(node.iter())


def _evaluate(context, path):
    if path.startswith('/'):
        document = Element('#document')
        document.children = [_root(context)]
        current = [document]
    else:
        current = [context]
    for axis, step in _tokenize(path):
        nxt = []
        if step == '.':
            candidates = current if axis == '/' else [d for node in current for d in _descendants_or_self(node)]
            nxt = candidates
        elif step == '..':
            nxt = [node.parent for node in current if isinstance(node, Element) and node.parent is not None]
        elif step == 'text()':
            for node in current:
                pool = [node] if axis == '/' else _descendants_or_self(node)
                for item in pool:
                    if item.text:
                        nxt.append(item.text)
                    if axis == '/':
                        nxt.extend(child.tail for child in item.children if child.tail)
                    elif item is not node and item.tail:
                        nxt.append(item.tail)
        elif step.startswith('@'):
            name = step[1:]
            for node in current:
                pool = [node] if axis == '/' else _descendants_or_self(node)
                for item in pool:
                    if name == '*':
                        nxt.extend(item.attrib.values())
                    elif name in item.attrib:
                        nxt.append(item.attrib[name])
        else:
            bracket = step.find('[')
            name = step if bracket < 0 else step[:bracket]
            preds = [] if bracket < 0 else _predicates(step[bracket:])
            for node in current:
                if not isinstance(node, Element):
                    continue
                if axis == '/':
                    pool = node.children
                else:
                    pool = [d for child in node.children for d in child.iter()]
                matched = [c for c in pool if name == '*' or c.tag == name]
                for predicate in preds:
                    matched = _filter(matched, predicate)
                nxt.extend(matched)
        seen, unique = set(), []
        for item in nxt:
            key = id(item) if isinstance(item, Element) else None
            if key is None or key not in seen:
                if key is not None:
                    seen.add(key)
                unique.append(item)
        current = unique
    return current


_CALL = re.compile(r'^(contains|starts-with)\(\s*(@[\w\-:]+|text\(\)|\.)\s*,\s*(["\'])(.*)\3\s*\)$', re.S)
_EQ = re.compile(r'^(@[\w\-:]+|text\(\)|\.)\s*(!?=)\s*(["\'])(.*)\3$', re.S)
_HAS = re.compile(r'^@([\w\-:]+)$')
_CHILD_EQ = re.compile(r'^([\w\-]+)\s*=\s*(["\'])(.*)\2$', re.S)
_CHILD = re.compile(r'^[\w\-]+$')


def _operand(node, ref):
    if ref.startswith('@'):
        return node.attrib.get(ref[1:])
    if ref == 'text()':
        return node.text or u''
    return node.text_content()


def _filter(nodes, predicate):
    if predicate.isdigit():
        index = int(predicate) - 1
        return [nodes[index]] if 0 <= index < len(nodes) else []
    if predicate == 'last()':
        return nodes[-1:]
    call = _CALL.match(predicate)
    if call:
        function, ref, _, needle = call.groups()
        result = []
        for node in nodes:
            value = _operand(node, ref)
            if value is None:
                continue
            if (function == 'contains' and needle in value) or (function == 'starts-with' and value.startswith(needle)):
                result.append(node)
        return result
    equal = _EQ.match(predicate)
    if equal:
        ref, op, _, expected = equal.groups()
        return [node for node in nodes if (_operand(node, ref) == expected) == (op == '=')]
    has = _HAS.match(predicate)
    if has:
        return [node for node in nodes if has.group(1) in node.attrib]
    if _CHILD.match(predicate):
        return [node for node in nodes if any(c.tag == predicate for c in node.children)]
    child = _CHILD_EQ.match(predicate)
    if child:
        return [node for node in nodes if any(c.tag == child.group(1) and c.text_content() == child.group(3) for c in node.children)]
    raise SyntaxError('XPath predicate not supported by the sandbox: [%s]' % predicate)


class HTMLKit(object):
    """The injected `HTML`."""

    def __init__(self, http):
        self._http = http

    def ElementFromString(self, content):
        return html_from_string(content)

    def ElementFromURL(self, url, values=None, headers={}, cacheTime=None, encoding=None, errors=None,
                       timeout=None, sleep=0, follow_redirects=True, method=None):
        return html_from_string(self._http.Request(url, values=values, headers=headers, cacheTime=cacheTime,
                                                   timeout=timeout, sleep=sleep, method=method).content)

    def StringFromElement(self, element, encoding='utf8'):
        return element.text_content().encode('utf-8')


class XMLKit(object):
    """The injected `XML`."""

    def __init__(self, http):
        self._http = http

    def ElementFromString(self, content):
        return xml_from_string(content)

    def ElementFromURL(self, url, values=None, headers={}, cacheTime=None, timeout=None, sleep=0, method=None):
        return xml_from_string(self._http.Request(url, values=values, headers=headers, cacheTime=cacheTime,
                                                  timeout=timeout, sleep=sleep, method=method).content)

    def StringFromElement(self, element, encoding='utf8'):
        return element.text_content().encode('utf-8')
