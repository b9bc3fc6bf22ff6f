# -*- coding: utf-8 -*-
"""Plugin log file in the exact Framework layout, with Plex's rotation rules."""
import os
import sys
import thread
import threading
import time
import traceback

ROTATIONS = 5
SHIM_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
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
        # `Core.log` once an agent has asked for it: its level then decides which `Log` calls are written, as in Plex.
        self.logger = None

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
        # As Plex hides its Framework's frames, the sandbox hides its own: only agent and library frames remain.
        entries = [e for e in traceback.extract_tb(tb) if not os.path.abspath(e[0]).startswith(SHIM_ROOT)]
        lines = traceback.format_list(entries) + traceback.format_exception_only(exc_type, exc_value)
        body = []
        for chunk in lines:
            body.extend(chunk.rstrip('\n').split('\n'))
        self.write('CRITICAL', module, line, message + ' (most recent call last):', body)

    def close(self):
        with self._lock:
            self._file.close()


# Plex attributes an agent's Log calls to the Framework's own logkit module, at the line of each method.
LOGKIT_LINES = {'DEBUG': 13, 'INFO': 16, 'WARNING': 19, 'ERROR': 22, 'CRITICAL': 25}
# The `logging` module's numbers for those levels (not imported here: see framework_logger).
LEVEL_NUMBERS = {'DEBUG': 10, 'INFO': 20, 'WARNING': 30, 'ERROR': 40, 'CRITICAL': 50}


def framework_logger(identifier, plugin_log):
    """The plug-in's `logging` logger (`Core.log`): named after the bundle identifier as Plex names it, level DEBUG,
    writing every record it handles to the plug-in's log in the Framework layout. Agents attach their own handlers
    and formatters to it and change its level. `logging` is imported here, on first use, never at start-up, so an
    agent's own `logging.py` in Contents/Code is still found first."""
    import logging

    class RotatingFileHandler(logging.Handler):
        """Plex's handler is a logging.handlers.RotatingFileHandler on the plug-in's log file (1 MiB, 5 rotations);
        agents find the log through it (`baseFilename`). This one writes through the box's plug-in log, which
        rotates by the same rules."""

        def __init__(self):
            logging.Handler.__init__(self)
            self.baseFilename = os.path.abspath(plugin_log.path)
            self.maxBytes = MAX_BYTES
            self.backupCount = ROTATIONS

        def emit(self, record):
            try:
                message = record.getMessage()
            except Exception:
                message = unicode(record.msg)
            continuation = None
            if record.exc_info:
                continuation = traceback.format_exception(*record.exc_info)
                continuation = [part for chunk in continuation for part in chunk.rstrip('\n').split('\n')]
            plugin_log.write(record.levelname, record.module, record.lineno, message, continuation)

    logger = logging.getLogger(identifier)
    logger.setLevel(logging.DEBUG)
    # Plex's root logger discards what reaches it; the box's stdout is its protocol, so nothing may propagate there.
    logger.propagate = False
    logger.addHandler(RotatingFileHandler())
    plugin_log.logger = logger
    return logger


def format_message(fmt, args):
    try:
        message = fmt % args if args else fmt
    except (TypeError, ValueError):
        message = fmt
    if not isinstance(message, (str, unicode)):
        message = str(message)
    return message


class LogFunction(object):
    """The injected `Log`: callable (Info, as Plex's Log()) with Debug/Info/Warn/Error/Critical/Exception members."""

    def __init__(self, plugin_log):
        self.plugin_log = plugin_log

    def emit(self, level, fmt, args):
        logger = self.plugin_log.logger
        if logger is not None and not logger.isEnabledFor(LEVEL_NUMBERS[level]):
            return
        self.plugin_log.write(level, 'logkit', LOGKIT_LINES[level], format_message(fmt, args))

    def __call__(self, fmt, *args, **kwargs):
        self.emit('INFO', fmt, args)

    def Debug(self, fmt, *args, **kwargs):
        self.emit('DEBUG', fmt, args)

    def Info(self, fmt, *args, **kwargs):
        self.emit('INFO', fmt, args)

    def Warn(self, fmt, *args, **kwargs):
        self.emit('WARNING', fmt, args)

    def Error(self, fmt, *args, **kwargs):
        self.emit('ERROR', fmt, args)

    def Critical(self, fmt, *args, **kwargs):
        self.emit('CRITICAL', fmt, args)

    def Exception(self, fmt, *args, **kwargs):
        # Plex writes it through the core's exception logger, with the traceback.
        self.plugin_log.exception('core', 574, format_message(fmt, args))

    def Stack(self):
        self.plugin_log.write('DEBUG', 'core', 586, 'Current stack:')
