# -*- coding: utf-8 -*-
"""A plug-in process serving a Custom Metadata Provider: the same process, Framework and log as plexbox_host.py,
plus two requests built from what Plex 1.43 sends a provider instead of what it sends a legacy agent.

- `provide_search`: the match body's names (title, or the show/season/episode of a TV match), year and file become
  the `media` object of the agent's `search`, exactly as the Framework would hand it;
- `provide_update`: `update` on a fresh metadata object, with a media tree holding the episodes the caller knows,
  and every field the agent set comes back (images as their URLs, never their bytes).

Both write the plug-in log lines Plex's Framework writes for a search or an update, so provider-served agents read
like any other in the log tools.
"""
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import plexbox_host  # noqa: E402
from plexframework import api, cerealizer, media  # noqa: E402


class OrderedProxyDict(collections.OrderedDict):
    """`metadata.posters` / `metadata.art` keeping the order the agent added them in (the first is the one shown)."""

    def validate_keys(self, keys):
        for key in list(self.keys()):
            if key not in keys:
                del self[key]


class ProvidedChildren(dict):
    """`metadata.seasons[n]` / `season.episodes[m]`, created when the agent first reads them, as the Framework does."""

    def __missing__(self, key):
        child = ProvidedMetadata(None)
        child.index = key
        self[key] = child
        return child


class ProvidedMetadata(api.MovieMetadata):
    """The Framework's metadata object, with ordered images and children of its own kind."""

    def __init__(self, metadata_id):
        api.MovieMetadata.__init__(self, metadata_id)
        self.posters = OrderedProxyDict()
        self.art = OrderedProxyDict()
        self.seasons = ProvidedChildren()
        self.episodes = ProvidedChildren()


def _text(value):
    return api._text(value) if value is not None else None


def _number(value, kind):
    try:
        return kind(value) if value is not None and value != '' else None
    except (TypeError, ValueError):
        return None


def _people(entries):
    people = []
    for entry in entries:
        if isinstance(entry, basestring):
            people.append({'tag': _text(entry)})
            continue
        name = _text(getattr(entry, 'name', None))
        if name:
            person = {'tag': name}
            if getattr(entry, 'role', None):
                person['role'] = _text(entry.role)
            if getattr(entry, 'photo', None):
                person['thumb'] = _text(entry.photo)
            people.append(person)
    return people


def _image_urls(images):
    return [_text(key) for key in images.keys() if isinstance(key, basestring) and key.lower().startswith(('http://', 'https://'))]


def provided(metadata):
    """Every field the agent set, as plain JSON values; None/empty ones are left out by the caller."""
    date = metadata.originally_available_at
    year = metadata.year
    fields = {
        'title': _text(metadata.title),
        'originalTitle': _text(metadata.original_title),
        'titleSort': _text(metadata.title_sort),
        'year': _number(year, int),
        'summary': _text(metadata.summary),
        'studio': _text(metadata.studio),
        'tagline': _text(metadata.tagline),
        'contentRating': _text(metadata.content_rating),
        'originallyAvailableAt': date.strftime('%Y-%m-%d') if hasattr(date, 'strftime') else _text(date),
        'duration': _number(metadata.duration, int),
        'rating': _number(metadata.rating, float),
        'ratingImage': _text(metadata.rating_image),
        'audienceRating': _number(metadata.audience_rating, float),
        'audienceRatingImage': _text(metadata.audience_rating_image),
        'index': _number(metadata.index, int),
        'genres': [_text(g) for g in metadata.genres],
        'collections': [_text(c) for c in metadata.collections],
        'countries': [_text(c) for c in metadata.countries],
        'roles': _people(metadata.roles),
        'directors': _people(metadata.directors),
        'writers': _people(metadata.writers),
        'producers': _people(metadata.producers),
        'posters': _image_urls(metadata.posters),
        'art': _image_urls(metadata.art),
    }
    seasons = []
    for index, season in sorted(metadata.seasons.items(), key=lambda pair: _number(pair[0], int)):
        entry = provided(season)
        entry['episodes'] = []
        for number, episode in sorted(season.episodes.items(), key=lambda pair: _number(pair[0], int)):
            child = provided(episode)
            # Reading metadata.seasons[n].episodes[m] creates it; only one the agent set something on is known to it.
            if _set_anything(child):
                child['index'] = _number(number, int)
                entry['episodes'].append(child)
        if _set_anything(entry) or entry['episodes']:
            entry['index'] = _number(index, int)
            seasons.append(entry)
    if seasons:
        fields['seasons'] = seasons
    return fields


def _set_anything(fields):
    return any(value not in (None, [], '') for key, value in fields.items() if key not in ('index', 'episodes'))


def media_tree(kind, rating_key, info):
    """The `media` object of update: the item and, for a show, the seasons and episodes the caller knows of."""
    name = info.get('name') or ''
    path = info.get('filename') or ''
    tree = media.UpdateMedia(media.MOVIE if kind == media.SHOW else kind, rating_key, name, info.get('year'), path)
    if kind != media.SHOW:
        # A file Plex never named (a metadata call after a restart) is an empty path, not a missing part.
        tree.items = tree.items or [media.MediaItem(path)]
        return tree
    tree.items = []
    tree.seasons = media.Seasons()
    tree.children = []
    for season, episode, episode_key, episode_path in info.get('episodes') or []:
        season, episode = str(season), str(episode)
        node = tree.seasons.get(season)
        if node is None:
            node = media.MediaNode(season, None)
            node.index = season
            node.episodes = media.Seasons()
            tree.seasons[season] = node
            tree.children.append(node)
        leaf = media.MediaNode(episode_key, None)
        leaf.items = [media.MediaItem(episode_path or '')]
        leaf.index = episode
        node.episodes[episode] = leaf
        node.children.append(leaf)
    return tree


class ProviderPluginHost(plexbox_host.PluginHost):
    """The box's plug-in host, answering the provider's requests too."""

    def _provide_search(self, request):
        info = request['media']
        kind = request.get('kind') or media.MOVIE
        name, agent = self.agent_for(kind)
        manual = bool(request.get('manual'))
        item = media.SearchMedia(kind, request.get('ratingKey'), info.get('name') or '', info.get('year'), info.get('filename') or '')
        if kind == media.SHOW:
            # The match body names the show itself; the file name is not parsed for it as the box's scanner does.
            item.name = item.title = item.show = media.utf8(info.get('name') or '')
            if info.get('season') is not None:
                item.season = str(info['season'])
            if info.get('episode') is not None:
                item.episode = str(info['episode'])
        text = '{' + ', '.join('%r: %r' % pair for pair in item.arguments(manual)) + '}'
        self.log.write('INFO', 'agentkit', 961, 'Searching for matches for ' + text)
        results = api.SearchResults()
        lang = request.get('lang') or 'en'
        failure = "Exception in the search function of agent named '%s', called with keyword arguments %s" % (name, text)
        if not self._call_agent(agent.search, (results, item, lang), [('manual', manual), ('primary', True)], 1018, failure):
            return {'ok': True, 'crashed': True, 'results': []}
        ordered = sorted(results, key=lambda r: r.score, reverse=True)
        return {'ok': True, 'crashed': False, 'results': [
            {'id': str(r.id), 'name': api._text(r.name), 'year': r.year, 'score': r.score, 'thumb': api._text(r.thumb)}
            for r in ordered if r.id is not None]}

    def _call_agent(self, function, arguments, offered, line, failure):
        """Calls search or update as Plex does (each offered keyword only when the method names it); False when it
        raised, after logging the traceback as the Framework logs it."""
        keywords = dict((key, value) for key, value in offered if plexbox_host.accepts_keyword(function, key))
        try:
            function(*arguments, **keywords)
            return True
        except Exception:
            self.log.exception('agentkit', line, failure)
            return False

    def _provide_update(self, request):
        rating_key = str(request['ratingKey'])
        match_id = str(request['id'])
        kind = request.get('kind') or media.MOVIE
        lang = request.get('lang') or 'en'
        name, agent = self.agent_for(kind)
        guid = '%s://%s?lang=%s' % (self.identifier, match_id, lang)
        # dbid is the library's id of the item when the match told it (as the Framework's update names it), else the
        # provider's ratingKey.
        pairs = [('lang', lang), ('force', True), ('periodic', False), ('dbid', str(request.get('dbid') or rating_key)), ('version', 0),
                 ('parentGUID', None), ('parentID', None), ('media_type', media.FRAMEWORK_TYPES.get(kind, 'Movie')),
                 ('guid', guid), ('id', match_id)]
        self.log.write('DEBUG', 'runtime', 717, 'Handling request GET /:/plugins/%s/messaging/function/%s/%s/%s'
                       % (self.identifier, plexbox_host.UPDATE_FUNCTION, plexbox_host.EMPTY_ARGS,
                          cerealizer.plex_b64(cerealizer.dumps_dict(pairs))))
        self.log.write('DEBUG', 'model', 32, 'Loading model with GUID %s' % guid)
        tree = media_tree(kind, rating_key, request.get('media') or {})
        metadata = ProvidedMetadata(match_id)
        failure = "Exception in the update function of agent named '%s', called with guid '%s'" % (name, guid)
        offered = [('force', True), ('child_guid', None), ('child_id', None), ('periodic', False)]
        if not self._call_agent(agent.update, (metadata, tree, lang), offered, 1068, failure):
            return {'ok': True, 'crashed': True, 'guid': guid, 'metadata': None}
        self.log.write('DEBUG', 'runtime', 924, 'Response: [200] bool, 0 bytes')
        return {'ok': True, 'crashed': False, 'guid': guid, 'metadata': provided(metadata)}

    def _process_function_call(self, request):
        op = request.get('op')
        if op in ('provide_search', 'provide_update') and self.agent is not None:
            return self._provide_search(request) if op == 'provide_search' else self._provide_update(request)
        return plexbox_host.PluginHost._process_function_call(self, request)


if __name__ == '__main__':
    plexbox_host.main(ProviderPluginHost)
