# -*- coding: utf-8 -*-
"""lxml.etree for agent code: parsing, XPath and serialising through the box's parsing host."""
import re

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


XML_DECLARATION = re.compile(r'^\s*<\?xml[^>]*\?>', re.I)
HTML_ROOT = re.compile(r'<html[\s>]', re.I)


def html_document(text):
    """lxml.etree's HTML parser always builds a whole document: the root is `html`, and a page without one (a
    fragment, an XML answer) is put inside `<html><body>`, its XML declaration dropped. The box's parser returns the
    fragment's own first element, so the page is wrapped here first. (lxml.html.fromstring keeps fragments as they
    are, and HTML.ElementFromString with it.)"""
    if isinstance(text, unicode):
        text = text.encode('utf-8')
    if not HTML_ROOT.search(text):
        text = '<html><body>%s</body></html>' % XML_DECLARATION.sub('', text, count=1)
    return parsekit.html_from_string(text)


def fromstring(text, parser=None, base_url=None):
    if isinstance(parser, HTMLParser):
        return html_document(text)
    return parsekit.xml_from_string(text)


XML = fromstring


def HTML(text, parser=None, base_url=None):
    return html_document(text)


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
