# -*- coding: utf-8 -*-
"""The plug-in process's network, contained.

Every outbound connection of the process goes through socket.getaddrinfo and socket.connect, whatever library makes
it (the Framework's HTTP, urllib2, httplib, requests, cfscrape, raw sockets), so both are patched once at start-up:
- the Plex server agents assume at 127.0.0.1:32400 (or localhost) is the sandbox's emulator, on its own port;
- `fake` (the default): a scenario site's host name resolves to the loopback port serving it; any other host or
  address is refused, with a log line, and never reaches the real network;
- `real`: everything except the Plex server address goes out as usual (a user's pre-flight against the real sites).
"""
import socket

PLEX_PORT = 32400
LOOPBACK = ('127.0.0.1', 'localhost', '::1')

real_getaddrinfo = socket.getaddrinfo
real_connect = socket.socket.connect
real_connect_ex = socket.socket.connect_ex


class NetworkRefused(socket.gaierror):
    pass


class Network(object):
    def __init__(self, log, site_map, pms_port, mode='fake'):
        self.log = log
        self.site_map = dict((host.lower(), port) for host, port in site_map.items())
        self.pms_port = pms_port
        self.mode = mode if mode in ('fake', 'real') else 'fake'
        self.allowed_ports = set(self.site_map.values()) | set([pms_port])

    def install(self):
        network = self

        def getaddrinfo(host, port, *args, **kwargs):
            target = network.resolve(host, port)
            if target is None:
                return real_getaddrinfo(host, port, *args, **kwargs)
            return real_getaddrinfo(target[0], target[1], *args, **kwargs)

        def connect(sock, address):
            return real_connect(sock, network.check_address(address))

        def connect_ex(sock, address):
            return real_connect_ex(sock, network.check_address(address))

        socket.getaddrinfo = getaddrinfo
        socket.socket.connect = connect
        socket.socket.connect_ex = connect_ex

    def is_site(self, host):
        return (host or '').lower() in self.site_map

    def resolve(self, host, port):
        """Where a (host, port) really goes: a loopback address, None for the real network, or a refusal."""
        name = (host or '').lower()
        if name in LOOPBACK and port is not None and int(port) == PLEX_PORT:
            return '127.0.0.1', self.pms_port
        if name in self.site_map:
            return '127.0.0.1', self.site_map[name]
        if self.mode == 'real' or (name in LOOPBACK and int(port or 0) in self.allowed_ports):
            return None
        self.refuse(host, port)

    def check_address(self, address):
        if not isinstance(address, tuple) or len(address) < 2:
            return address  # a Unix socket: local by nature
        host, port = address[0], address[1]
        if host in LOOPBACK and int(port) == PLEX_PORT:
            return ('127.0.0.1', self.pms_port) + tuple(address[2:])
        if self.mode == 'real' or (host in LOOPBACK and int(port) in self.allowed_ports):
            return address
        self.refuse(host, port)

    def refuse(self, host, port):
        self.log.write('ERROR', 'networking', 197,
                       "Network access to '%s:%s' refused by the sandbox (--network fake): only the scenario's sites "
                       "are reachable" % (host, port))
        raise NetworkRefused(-2, 'Name or service not known')
