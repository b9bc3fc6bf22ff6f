# -*- coding: utf-8 -*-
"""`Framework`: the Framework package itself, which Plex publishes to elevated plug-ins (next to `Core`).

Elevated agents reach into it for a few internals; the box serves the ones real agents use, and an attribute it
does not serve raises AttributeError naming it, as a missing attribute of the real package would.
"""
from plexframework import media


class Namespace(object):
    """A package or module of the Framework, holding only what the box serves of it."""

    def __init__(self, name, **members):
        self.__dict__.update(members)
        self.__dict__['__name__'] = name

    def __repr__(self):
        return "<module '%s' (Plex in a box)>" % self.__name__


def framework_package():
    # Imported here, not at start-up: a module the host imports first would shadow an agent's own module of the same
    # name in Contents/Code (Audnexus has a logging.py), which Plex's importer resolves before the standard library.
    import logging

    class LogFormatter(logging.Formatter):
        """`Framework.core.LogFormatter`: a logging formatter agents attach to their own handlers."""

    return Namespace(
        'Framework',
        core=Namespace('Framework.core', LogFormatter=LogFormatter),
        api=Namespace('Framework.api', agentkit=Namespace('Framework.api.agentkit', MediaPart=media.MediaPart)),
    )
