# -*- coding: utf-8 -*-
"""lxml.etree for agent code: parsing, XPath and serialising through the box's parsing host."""
from plexframework import parsekit

LxmlError = parsekit.LxmlError
XPathError = parsekit.XPathError
XPathEvalError = parsekit.XPathEvalError
XMLSyntaxError = parsekit.XMLSyntaxError
ParserError = parsekit.ParserError
ParseError = parsekit.XMLSyntaxError


class XMLParser(object):
    """Accepted for compatibility (`etree.XMLParser(recover=True)`); the host's parser settings apply."""

    def __init__(self, *args, **kwargs):
        self.options = kwargs


class HTMLParser(XMLParser):
    pass


def fromstring(text, parser=None, base_url=None):
    if isinstance(parser, HTMLParser):
        return parsekit.html_from_string(text)
    return parsekit.xml_from_string(text)


XML = fromstring


def HTML(text, parser=None, base_url=None):
    return parsekit.html_from_string(text)


def parse(source, parser=None, base_url=None):
    """A file name or a file object; returns the root wrapped as lxml's ElementTree is used (getroot())."""
    if hasattr(source, 'read'):
        content = source.read()
    else:
        with open(source, 'rb') as handle:
            content = handle.read()
    return ElementTree(fromstring(content, parser))


class ElementTree(object):
    def __init__(self, root):
        self._root = root

    def getroot(self):
        return self._root

    def xpath(self, path, **kwargs):
        return self._root.xpath(path, **kwargs)


def tostring(element, encoding=None, method='xml', pretty_print=False, with_tail=True, xml_declaration=None):
    text = parsekit.to_string(element, html=(method == 'html'), with_tail=with_tail)
    if encoding is unicode or (isinstance(encoding, basestring) and encoding.lower() == 'unicode'):
        return text
    return text.encode(encoding or 'ascii', 'xmlcharrefreplace')


def iselement(value):
    return isinstance(value, parsekit.Element)


class XPath(object):
    """A compiled expression: `XPath('//a')(element)`."""

    def __init__(self, path, namespaces=None, extensions=None, smart_strings=True):
        self.path = path
        self.smart_strings = smart_strings

    def __call__(self, element, **variables):
        return element.xpath(self.path, smart_strings=self.smart_strings)


class FunctionNamespace(dict):
    """Registers XPath extension functions (`ns = etree.FunctionNamespace(None); ns['f'] = f`). The box's XPath
    evaluator runs in the emulator, so a registered function is kept but an expression calling it fails with
    XPathEvalError, as an unknown function does."""

    def __init__(self, uri=None):
        dict.__init__(self)
        self.uri = uri
        self.prefix = None
