# -*- coding: utf-8 -*-
"""lxml.html for agent code, through the box's parsing host."""
from plexframework import parsekit
from lxml import etree

HtmlElement = parsekit.Element
ParserError = parsekit.ParserError


def fromstring(html, base_url=None, parser=None, **kwargs):
    return parsekit.html_from_string(html)


document_fromstring = fromstring
fragment_fromstring = fromstring


def parse(source, parser=None, base_url=None):
    return etree.parse(source, etree.HTMLParser())


def tostring(doc, pretty_print=False, include_meta_content_type=False, encoding=None, method='html',
             with_tail=True, doctype=None):
    return etree.tostring(doc, encoding=encoding, method=method, with_tail=with_tail)
