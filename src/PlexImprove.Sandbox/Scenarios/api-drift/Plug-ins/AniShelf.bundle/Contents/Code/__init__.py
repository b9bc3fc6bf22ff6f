# -*- coding: utf-8 -*-
"""AniShelf: anime series metadata from the AniShelf JSON API (written against API v1's flat records)."""
import re

API_URL = 'http://api.anishelf.example/v2'
SEARCH_URL = API_URL + '/search?q=%s'
SERIES_URL = API_URL + '/anime/%s'


def Start():
    HTTP.CacheTime = CACHE_1HOUR
    Log.Info('AniShelf agent started')


def comparable(title):
    if isinstance(title, str):
        title = title.decode('utf-8')
    return re.sub(r'[^a-z0-9]+', ' ', title.lower().replace("'", '')).strip()


class AniShelfAgent(Agent.TV_Shows):
    name = 'AniShelf'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual=False):
        wanted = comparable(media.show)
        url = SEARCH_URL % String.Quote(media.show)
        Log.Info('AniShelf search: %s', url)
        for series in JSON.ObjectFromURL(url):
            score = 100 if comparable(series['title']) == wanted else 60
            results.Append(MetadataSearchResult(id=series['id'], name=series['title'], year=series['year'],
                                                score=score, lang=lang))
        Log.Info('AniShelf search: %d result(s)', len(results))

    def update(self, metadata, media, lang, force=False):
        series = JSON.ObjectFromURL(SERIES_URL % metadata.id)
        metadata.title = series['title']
        metadata.summary = series['summary']
        metadata.studio = series['studio']
        metadata.year = int(series['year'])
        Log.Info('AniShelf update: %s', metadata.id)
