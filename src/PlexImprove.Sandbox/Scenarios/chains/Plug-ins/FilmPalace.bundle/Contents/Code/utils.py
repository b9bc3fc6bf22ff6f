# -*- coding: utf-8 -*-
"""Logging helpers in the PGMA style: AGENT prefix, SEARCH::/UPDATE:: tags, error pairs and footer banners."""
import inspect
import os
import re

BANNER = '*' * 60


def log(agent, message):
    Log.Info('{0}  - {1}'.format(agent, message))


def log_error(agent, tag, message, warning=False):
    frame = inspect.stack()[1]
    functions = ' -> '.join(f[3] for f in reversed(inspect.stack()[1:4]))
    icon = '⚠' if warning else '❌'
    Log.Error('{0} - {1}:: {2} File: {3}, Line: {4}, Function: {5}'.format(
        agent, tag, icon, os.path.basename(frame[1]), frame[2], functions))
    Log.Error('{0} - {1}::    {2}'.format(agent, tag, message))


def footer(agent, tag, succeeded):
    text = 'Successful!!' if succeeded else 'Failed'
    log(agent, '{0}:: {1} >> {2} << {1}'.format(tag, BANNER, text))


def parse_filename(media):
    """(Studio) - Title (Year).ext  ->  dict(studio, title, year)."""
    path = String.Unquote(media.filename)
    name = os.path.splitext(os.path.basename(path))[0]
    match = re.match(r'^\((?P<studio>[^)]+)\) - (?P<title>.+?)(?: \((?P<year>\d{4})\))?$', name)
    if not match:
        raise Exception('< File Name [{0}] not in the expected format: (Studio) - Title (Year) >'.format(name))
    film = match.groupdict()
    film['filename'] = name
    film['year'] = int(film['year']) if film['year'] else 0
    return film
