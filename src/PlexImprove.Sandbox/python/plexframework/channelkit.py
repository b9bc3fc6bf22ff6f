# -*- coding: utf-8 -*-
"""The Framework's menu API, as far as agent bundles that also offer a settings menu use it while they load.

Some agents (a subtitle agent is the common case) are also channel plug-ins: at import time they decorate menu
functions with `@handler(prefix, name)` and `@route(path)`, build `Callback(f, ...)` URLs, name bundled images with
`R('icon.png')` and call `Plugin.AddViewGroup`. Under Plex those register menus a client can browse. The box serves
agents, not menus: the decorators register the function and return it unchanged, `Callback` and `R` give the paths
Plex would give, and nothing serves them.
"""
import os
import urllib


class RouteKit(object):
    """`route` (the decorator) and `Route` (`Route.Connect`, `Route(f)`): paths registered, never served."""

    def __init__(self, prefix_of):
        self.routes = {}
        self._prefix_of = prefix_of

    def Connect(self, path, function, method='GET', allow_sync=False, **kwargs):
        if not path.startswith('/'):
            path = '/' + path
        self.routes[function] = path
        return path

    def route(self, path, method='GET', allow_sync=False, **kwargs):
        def register(function):
            self.Connect(path, function, method, allow_sync, **kwargs)
            return function
        return register

    def path_of(self, function):
        name = getattr(function, '__name__', 'function')
        return self.routes.get(function) or '%s/:/function/%s' % (self._prefix_of(), name)

    def __call__(self, function, method='GET', **kwargs):
        return self.path_of(function)


class PluginKit(object):
    """`Plugin`: the plug-in's identifier, its menu prefixes (`@handler`) and view groups."""

    def __init__(self, identifier):
        self.Identifier = identifier
        self.Prefixes = []
        self.ViewGroups = {}
        self.Title = None

    def handler(self, prefix, name, thumb=None, art=None, titleBar=None, share=False, allow_sync=False):
        def register(function):
            self.Prefixes.append(prefix)
            if self.Title is None:
                self.Title = name
            return function
        return register

    def AddViewGroup(self, name, viewMode='List', mediaType='items', type=None, menu=None, cols=None, rows=None,
                     thumb=None, summary=None):
        self.ViewGroups[name] = {'viewMode': viewMode, 'mediaType': mediaType}

    def AddPrefixHandler(self, prefix, handler, name, thumb=None, art=None, titleBar=None, share=False,
                         allow_sync=False):
        self.Prefixes.append(prefix)

    def Nice(self, value):
        pass


class ResourceKit(object):
    """`Resource` and its alias `R`: the path Plex serves a bundled file under, or None when the bundle lacks it."""

    def __init__(self, bundle, identifier):
        self._folder = os.path.join(bundle, 'Contents', 'Resources')
        self._identifier = identifier

    def ExternalPath(self, itemname):
        if not itemname:
            return None
        path = os.path.join(self._folder, itemname)
        if not os.path.isfile(path):
            return None
        return '/:/plugins/%s/resources/%s?t=%d' % (self._identifier, itemname, int(os.path.getmtime(path)))

    SharedExternalPath = ExternalPath

    def Load(self, itemname, binary=True):
        with open(os.path.join(self._folder, itemname), 'rb') as handle:
            return handle.read()

    def Exists(self, itemname):
        return os.path.isfile(os.path.join(self._folder, itemname))


class Object(object):
    """The Framework's base of the objects a menu function returns (Framework.objects.Object): a body and its
    response headers. Agents subclass it through `Redirect` (`Redirect._object_class.__bases__[0]`) to return files."""

    def __init__(self, core, **kwargs):
        self._core = core
        self._headers = {}
        self.__dict__.update(kwargs)

    def Content(self):
        return None

    def Status(self):
        return 200

    def Headers(self):
        return self._headers

    def SetHeader(self, name, value):
        self._headers[name] = value


Object.__module__ = 'Framework.objects'


class RedirectObject(Object):
    """Framework.objects.Redirect: a response sending the client elsewhere."""

    def __init__(self, core, url, temporary=True):
        Object.__init__(self, core)
        self._temporary = temporary
        self.SetHeader('Location', str(url))

    def Status(self):
        return 307 if self._temporary else 301


RedirectObject.__name__ = 'Redirect'
RedirectObject.__module__ = 'Framework.objects'


class RedirectKit(object):
    """`Redirect(url)`, published as the Framework publishes its objects: a maker that keeps the class it makes in
    `_object_class`."""

    _object_class = RedirectObject

    def __call__(self, url, temporary=True):
        return RedirectObject(None, url, temporary)


def callback_for(routes):
    """`Callback(f, **kwargs)`: the URL of a menu function with its arguments, as a client would request it."""
    def callback(function, ext=None, post_url=None, indirect=False, **kwargs):
        path = routes.path_of(function)
        arguments = dict((key, value) for key, value in kwargs.items() if value is not None)
        return path + ('?' + urllib.urlencode(arguments) if arguments else '')
    return callback


def channel_kits(bundle, identifier):
    """The names a bundle's menus use, ready to add to its globals."""
    plugin = PluginKit(identifier)
    routes = RouteKit(lambda: plugin.Prefixes[0] if plugin.Prefixes else '/:/plugins/' + identifier)
    resources = ResourceKit(bundle, identifier)
    return {
        'Plugin': plugin,
        'handler': plugin.handler,
        'Route': routes,
        'route': routes.route,
        'Callback': callback_for(routes),
        'indirect': lambda function: function,
        'Resource': resources,
        'R': resources.ExternalPath,
        'S': resources.SharedExternalPath,
        'Redirect': RedirectKit(),
    }
