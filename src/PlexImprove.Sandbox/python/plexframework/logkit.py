# -*- coding: utf-8 -*-
"""Plugin log file in the exact Framework layout, with Plex's rotation rules."""
import os
import sys
import thread
import threading
import time
import traceback

ROTATIONS = 5
MAX_BYTES = 1024 * 1024


_local = threading.local()


def set_thread_ident(value):
    """Makes the current thread log under `value` (the id of the Framework thread serving this request)."""
    _local.ident = value


def _thread_id():
    return '%x' % getattr(_local, 'ident', thread.get_ident() & 0xffffffffffff)


class PluginLog(object):
    """Writes `<asctime> (<thread>) :  <LEVEL> (<module>:<line>) - <message>` records."""

    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()
        folder = os.path.dirname(path)
        if not os.path.isdir(folder):
            os.makedirs(folder)
        self._roll()
        self._file = open(self.path, 'ab')

    def _roll(self):
        if not os.path.exists(self.path):
            return
        oldest = '%s.%d' % (self.path, ROTATIONS)
        if os.path.exists(oldest):
            os.remove(oldest)
        for n in range(ROTATIONS - 1, 0, -1):
            src = '%s.%d' % (self.path, n)
            if os.path.exists(src):
                os.rename(src, '%s.%d' % (self.path, n + 1))
        os.rename(self.path, self.path + '.1')

    def write(self, level, module, line, message, continuation=None):
        if isinstance(message, unicode):
            message = message.encode('utf-8')
        elif not isinstance(message, str):
            message = str(message)
        now = time.time()
        stamp = time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(now)) + ',%03d' % int((now % 1) * 1000)
        text = '%s (%s) :  %s (%s:%d) - %s\n' % (stamp, _thread_id(), level, module, line, message)
        if continuation:
            for extra in continuation:
                if isinstance(extra, unicode):
                    extra = extra.encode('utf-8')
                text += extra.rstrip('\n') + '\n'
        with self._lock:
            if self._file.tell() + len(text) > MAX_BYTES and self._file.tell() > 0:
                self._file.close()
                self._roll()
                self._file = open(self.path, 'ab')
            self._file.write(text)
            self._file.flush()

    def exception(self, module, line, message, exc_info=None):
        """A CRITICAL record followed by the traceback, as the Framework's `Log.Exception` writes it."""
        exc_type, exc_value, tb = exc_info or sys.exc_info()
        lines = traceback.format_exception(exc_type, exc_value, tb)
        body = []
        for chunk in lines[1:]:
            body.extend(chunk.rstrip('\n').split('\n'))
        self.write('CRITICAL', module, line, message + ' (most recent call last):', body)

    def close(self):
        with self._lock:
            self._file.close()


def caller_location(depth=2):
    """Module name and line of the agent code that called a Log function."""
    frame = sys._getframe(depth)
    name = os.path.splitext(os.path.basename(frame.f_code.co_filename))[0]
    return name, frame.f_lineno


class LogFunction(object):
    """The injected `Log`: callable (debug) with Debug/Info/Warn/Error/Critical/Exception members."""

    def __init__(self, plugin_log):
        self._log = plugin_log

    def _emit(self, level, fmt, args):
        module, line = caller_location(3)
        try:
            message = fmt % args if args else fmt
        except (TypeError, ValueError):
            message = fmt
        if isinstance(message, str):
            pass
        elif not isinstance(message, unicode):
            message = str(message)
        self._log.write(level, module, line, message)

    def __call__(self, fmt, *args):
        self._emit('DEBUG', fmt, args)

    def Debug(self, fmt, *args):
        self._emit('DEBUG', fmt, args)

    def Info(self, fmt, *args):
        self._emit('INFO', fmt, args)

    def Warn(self, fmt, *args):
        self._emit('WARNING', fmt, args)

    def Error(self, fmt, *args):
        self._emit('ERROR', fmt, args)

    def Critical(self, fmt, *args):
        self._emit('CRITICAL', fmt, args)

    def Exception(self, fmt, *args):
        module, line = caller_location(2)
        try:
            message = fmt % args if args else fmt
        except (TypeError, ValueError):
            message = fmt
        self._log.exception(module, line, message)
