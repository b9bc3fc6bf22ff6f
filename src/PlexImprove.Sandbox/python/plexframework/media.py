# -*- coding: utf-8 -*-
"""The `media` objects Plex passes to search and update, for every media type, and the arguments as Plex's
serialiser delivers them: text as byte `str` in UTF-8 (never `unicode`), numbers as the strings Plex sends.

Search gets a flat object (`media.name`, `media.show`/`media.season`/`media.episode`, `media.artist`/`media.album`);
update gets the item's tree: a show with `seasons[n].episodes[m]`, an artist with `children` albums and their
`children` tracks, an album with `children` tracks; every leaf has `items[0].parts[0].file`.
"""
import os
import re
import urllib

MOVIE = 'movie'
SHOW = 'show'
ARTIST = 'artist'
ALBUM = 'album'
PHOTO = 'photo'

# The Framework's media type names (agent classes' media_types) for the box's section types.
FRAMEWORK_TYPES = {MOVIE: 'Movie', SHOW: 'TV_Show', ARTIST: 'Artist', ALBUM: 'Album', PHOTO: 'Photo'}
EPISODE_PATTERN = re.compile(r'[Ss](\d{1,3})[ ._-]*[Ee](\d{1,4})')
TRACK_PATTERN = re.compile(r'^(\d{1,3})[ ._-]+(.*)$')


def utf8(value):
    """A byte string in UTF-8, as Plex's serialiser hands text to the plug-in."""
    if isinstance(value, unicode):
        return value.encode('utf-8')
    return value


def number(value):
    return None if value is None else str(value)


class MediaPart(object):
    def __init__(self, path):
        self.file = utf8(path)
        self.openSubtitleHash = None
        self.duration = None


class MediaItem(object):
    def __init__(self, path):
        self.parts = [MediaPart(path)]


class MediaNode(object):
    """A node of an update's media tree: its id, title and, for leaves, items with their files."""

    def __init__(self, rating_key, title, path=None):
        self.id = number(rating_key)
        self.title = utf8(title)
        self.guid = None
        self.items = [MediaItem(path)] if path else []
        self.children = []


class Seasons(dict):
    """`media.seasons` / `season.episodes`: keyed by the number as a string, as the Framework's tree is."""


def file_parts(path):
    """(folder names, file stem) of a media path."""
    folders = [part for part in os.path.dirname(path).split('/') if part]
    return folders, os.path.splitext(os.path.basename(path))[0]


def episode_numbers(path):
    match = EPISODE_PATTERN.search(os.path.basename(path))
    return (str(int(match.group(1))), str(int(match.group(2)))) if match else ('1', '1')


SEASON_FOLDER = re.compile(r'^(season|series|s)\s*\d+$|^specials$', re.IGNORECASE)
YEAR_SUFFIX = re.compile(r'\s*\((\d{4})\)\s*$')


def show_name(path, name):
    """The show's title as Plex's series scanner reads it: the show folder (above `Season NN`), else the name
    without its episode part."""
    folders, stem = file_parts(path)
    if folders and SEASON_FOLDER.match(folders[-1]):
        folders = folders[:-1]
    if len(folders) > 1:
        return YEAR_SUFFIX.sub('', folders[-1])
    match = EPISODE_PATTERN.search(name)
    return name[:match.start()].rstrip(' -._') if match else name


def music_names(path, name):
    """(artist, album, track title) from `.../Artist/Album/01 - Track.mp3`."""
    folders, stem = file_parts(path)
    match = TRACK_PATTERN.match(stem)
    track = match.group(2) if match else stem
    album = folders[-1] if folders else name
    artist = folders[-2] if len(folders) > 1 else name
    return artist, album, track


class SearchMedia(object):
    """The `media` object of search."""

    def __init__(self, kind, rating_key, name, year, path):
        self.id = number(rating_key)
        self.name = utf8(name)
        self.title = self.name
        self.year = number(year)
        self.filename = urllib.quote(utf8(path))
        self.openSubtitlesHash = None
        self.duration = None
        self.guid = None
        self.primary_agent = None
        self.primary_metadata = None
        self.parent_metadata = None
        self.items = [MediaItem(path)]
        self.show = self.season = self.episode = self.episodic = None
        self.artist = self.album = self.track = self.parentTitle = None
        if kind == SHOW:
            self.name = self.title = utf8(show_name(path, name))
            self.show = self.name
            self.season, self.episode = episode_numbers(path)
            self.episodic = '1'
        elif kind in (ARTIST, ALBUM):
            artist, album, track = music_names(path, name)
            self.artist = utf8(artist)
            self.album = utf8(album) if kind == ALBUM else None
            self.parentTitle = self.artist if kind == ALBUM else None
            if kind == ALBUM:
                # The artist the album belongs to, as Plex hands it: its metadata id and title.
                self.parent_metadata = MediaNode(None, artist)
            self.track = utf8(track) if kind == ALBUM else None
            self.name = self.title = self.album if kind == ALBUM else self.artist
        self.tree = UpdateMedia(kind, rating_key, name, year, path)

    def __getattr__(self, name):
        # As the Framework's media object does: what search's flat object lacks is read from the item's tree
        # (`media.seasons[...]` in a TV search), which Plex loads for the item's database id.
        tree = self.__dict__.get('tree')
        if tree is not None and hasattr(tree, name):
            return getattr(tree, name)
        raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))

    def arguments(self, manual):
        """The keyword arguments Plex's search request carries, in its order (what `Searching for matches` logs)."""
        pairs = [('openSubtitlesHash', None)]
        if self.show is not None:
            pairs += [('show', self.show), ('season', self.season), ('episode', self.episode),
                      ('episodic', self.episodic)]
        if self.artist is not None:
            pairs += [('artist', self.artist)]
            if self.album is not None:
                pairs += [('album', self.album), ('parentTitle', self.parentTitle), ('track', self.track)]
        pairs += [('name', self.name), ('year', self.year), ('filename', self.filename), ('duration', None),
                  ('id', self.id), ('guid', None), ('manual', bool(manual))]
        return pairs


class UpdateMedia(MediaNode):
    """The `media` object of update: the item and, below it, the tree of its seasons/episodes or albums/tracks."""

    def __init__(self, kind, rating_key, name, year, path):
        MediaNode.__init__(self, rating_key, name, path if kind in (MOVIE, PHOTO) else None)
        self.name = self.title
        self.year = number(year)
        self.filename = urllib.quote(utf8(path))
        self.primary_agent = None
        self.primary_metadata = None
        self.seasons = Seasons()
        if kind == SHOW:
            self.title = self.name = utf8(show_name(path, name))
            season, episode = episode_numbers(path)
            node = MediaNode(season, None)
            node.index = season
            node.episodes = Seasons()
            leaf = MediaNode(rating_key, None, path)
            leaf.index = episode
            node.episodes[episode] = leaf
            node.children = [leaf]
            self.seasons[season] = node
            self.children = [node]
        elif kind in (ARTIST, ALBUM):
            artist, album, track = music_names(path, name)
            track_node = MediaNode(rating_key, track, path)
            track_node.index = '1'
            if kind == ARTIST:
                self.title = self.name = utf8(artist)
                album_node = MediaNode(rating_key, album)
                album_node.children = [track_node]
                self.children = [album_node]
            else:
                self.title = self.name = utf8(album)
                self.parentTitle = utf8(artist)
                self.children = [track_node]
