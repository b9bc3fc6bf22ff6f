# -*- coding: utf-8 -*-
"""FestivalDB: festival films from the FestivalDB JSON API (written against API v1's flat film records)."""
import re

API_URL = 'http://api.festivaldb.example/v2'
SEARCH_URL = API_URL + '/search/films?query=%s'
FILM_URL = API_URL + '/films/%s'


def Start():
    HTTP.CacheTime = CACHE_1HOUR
    Log.Info('FestivalDB agent started')


def comparable(title):
    if isinstance(title, str):
        title = title.decode('utf-8')
    return re.sub(r'[^a-z0-9]+', ' ', title.lower().replace("'", '')).strip()


class FestivalDBAgent(Agent.Movies):
    name = 'FestivalDB'
    languages = [Locale.Language.English]
    primary_provider = True

    def search(self, results, media, lang, manual=False):
        wanted = comparable(media.name)
        url = SEARCH_URL % String.Quote(media.name)
        Log.Info('FestivalDB search: %s', url)
        for film in JSON.ObjectFromURL(url):
            score = 100 if comparable(film['title']) == wanted else 60
            if media.year and str(film['year']) != str(media.year):
                score -= 10
            results.Append(MetadataSearchResult(id=film['id'], name=film['title'], year=film['year'],
                                                score=score, lang=lang))
        Log.Info('FestivalDB search: %d result(s)', len(results))

    def update(self, metadata, media, lang, force=False):
        film = JSON.ObjectFromURL(FILM_URL % metadata.id)
        metadata.title = film['title']
        metadata.year = int(film['year'])
        metadata.studio = film['studio']
        metadata.summary = film['summary']
        Log.Info('FestivalDB update: %s', metadata.id)
