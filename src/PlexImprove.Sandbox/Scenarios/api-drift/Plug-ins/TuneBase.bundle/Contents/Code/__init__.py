# -*- coding: utf-8 -*-
"""TuneBase: artist biographies from the TuneBase JSON API."""

API_URL = 'http://api.tunebase.example/1.0'
HEADERS = {'Accept': 'application/json', 'User-Agent': 'TuneBase-Plex/1.4'}


def Start():
    HTTP.CacheTime = CACHE_1DAY


class TuneBaseAgent(Agent.Artist):
    name = 'TuneBase'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual=False):
        url = API_URL + '/search/artist?name=' + String.Quote(media.artist)
        Log.Debug('TuneBase search: %s', url)
        for artist in JSON.ObjectFromURL(url, headers=HEADERS):
            name = artist['name']
            score = 100 if name.lower() == media.artist.decode('utf-8').lower() else 50
            results.Append(MetadataSearchResult(id=str(artist['id']), name=name, score=score, lang=lang))

    def update(self, metadata, media, lang, force=False):
        artist = JSON.ObjectFromURL(API_URL + '/artist/' + metadata.id, headers=HEADERS)
        metadata.title = artist['name']
        metadata.summary = artist['bio']
        Log.Debug('TuneBase update: %s (%s)', artist['name'], artist['label'])
