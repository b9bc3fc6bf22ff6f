# -*- coding: utf-8 -*-
"""FilmDepot: French film metadata from filmdepot.example."""
import depot


def Start():
    HTTP.CacheTime = 0
    Log.Info('FilmDepot agent started')


class FilmDepotAgent(Agent.Movies):
    name = 'FilmDepot'
    languages = [Locale.Language.English, Locale.Language.French]
    primary_provider = True

    def search(self, results, media, lang, manual):
        for hit in depot.search(media.name):
            results.Append(MetadataSearchResult(id=hit['ref'], name=hit['title'], year=hit['year'],
                                                score=depot.score(hit, media), lang=lang))

    def update(self, metadata, media, lang, force):
        item = depot.item(metadata.id)
        metadata.title = item['title']
        metadata.year = item['year']
        metadata.studio = item['label']
        metadata.summary = item['description']
