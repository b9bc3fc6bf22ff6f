# -*- coding: utf-8 -*-
"""SilentEra: silent films from the SilentEra JSON API; the healthy control."""

API_URL = 'http://api.silentera.example/1'


def Start():
    HTTP.CacheTime = CACHE_1DAY
    Log.Info('SilentEra agent started')


class SilentEraAgent(Agent.Movies):
    name = 'SilentEra'
    languages = [Locale.Language.English]
    primary_provider = True

    def search(self, results, media, lang, manual=False):
        name = media.name.decode('utf-8').strip()
        found = JSON.ObjectFromURL(API_URL + '/find?title=' + String.Quote(name.encode('utf-8')))
        for hit in found['hits']:
            score = 100 if hit['name'].lower() == name.lower() else 50
            results.Append(MetadataSearchResult(id=hit['key'], name=hit['name'], year=hit['year'], score=score, lang=lang))

    def update(self, metadata, media, lang, force=False):
        film = JSON.ObjectFromURL(API_URL + '/film/' + metadata.id)
        metadata.title = film['name']
        metadata.year = int(film['year'])
        metadata.studio = film['studio']
        metadata.summary = film['plot']
        Log.Info(u'SilentEra update: %s', metadata.title)
