# -*- coding: utf-8 -*-
"""lxml.objectify for agent code, as far as the box serves it.

The box's elements are the parsing host's plain elements, never objectified, so they carry none of objectify's
type annotations: `deannotate` has nothing to remove. Parsing into objectified trees (`fromstring`, `XML`,
`ObjectifiedElement`'s attribute access) is not served; it raises NotImplementedError saying so.
"""
from lxml import etree


def deannotate(element_or_tree, pytype=True, xsi=True, xsi_nil=False, cleanup_namespaces=False):
    """Removes objectify's type annotations: the box's elements have none."""
    return None


def _not_served(*args, **kwargs):
    raise NotImplementedError('lxml.objectify trees are not served by Plex in a box; use lxml.etree or XML.ElementFromString')


fromstring = XML = parse = _not_served
ObjectPath = _not_served
DataElement = _not_served
LxmlError = etree.LxmlError
