# -*- coding: utf-8 -*-
"""lxml as the Framework's platform libraries provide it to agent code, served by the box's parsing host.

There is no lxml for the box's Python 2.7: documents are parsed and XPath evaluated by the emulator (the same
evaluator as HTML.ElementFromString), so `from lxml import etree` / `lxml.html` give agents the element API they use.
"""
