# -*- coding: utf-8 -*-
"""TuneBase: album reviews and release years from the TuneBase JSON API."""

API_URL = 'http://api.tunebase.example/1.0'
HEADERS = {'Accept': 'application/json', 'User-Agent': 'TuneBase-Plex/1.4'}


def Start():
    HTTP.CacheTime = CACHE_1DAY


class TuneBaseAgent(Agent.Album):
    name = 'TuneBase'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual=False):
        url = API_URL + '/search/album?title=' + String.Quote(media.album)
        Log.Debug('TuneBase search: %s', url)
        for album in JSON.ObjectFromURL(url, headers=HEADERS):
            title = album['title']
            score = 100 if title.lower() == media.album.decode('utf-8').lower() else 50
            results.Append(MetadataSearchResult(id=str(album['id']), name=title, year=album['year'], score=score,
                                                lang=lang))

    def update(self, metadata, media, lang, force=False):
        album = JSON.ObjectFromURL(API_URL + '/album/' + metadata.id, headers=HEADERS)
        metadata.title = album['title']
        metadata.summary = album['review']
        metadata.studio = album['label']
        metadata.year = album['year']
        metadata.originally_available_at = Datetime.ParseDate('%d-01-01' % album['year']).date()
        Log.Debug('TuneBase update: %s (%s)', album['title'], album['label'])
