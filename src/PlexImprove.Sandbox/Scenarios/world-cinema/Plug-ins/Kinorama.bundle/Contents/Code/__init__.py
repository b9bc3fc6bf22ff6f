# -*- coding: utf-8 -*-
"""Kinorama: world cinema metadata from kinorama.example (tested on English-language titles only)."""

BASE_URL = 'http://www.kinorama.example'
SEARCH_URL = BASE_URL + '/search?title=%s'
FILM_URL = BASE_URL + '/film/%s'


def Start():
    HTTP.CacheTime = CACHE_1DAY
    Log.Info('Kinorama agent started')


class KinoramaAgent(Agent.Movies):
    name = 'Kinorama'
    languages = [Locale.Language.English, Locale.Language.French, Locale.Language.Japanese]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual=False):
        name = unicode(media.name).strip()
        page = HTML.ElementFromURL(SEARCH_URL % String.Quote(name.encode('utf-8')))
        for link in page.xpath('//ul[@class="results"]/li/a[@class="film"]'):
            site_title = link.text_content().strip()
            year = link.xpath('../span[@class="year"]/text()')[0]
            score = 100 if site_title.lower() == name.lower() else 50
            if media.year and year != media.year:
                score = score - 20
            results.Append(MetadataSearchResult(id=link.get('href').rsplit('/', 1)[-1], name=site_title,
                                                year=int(year), score=score, lang=lang))

    def update(self, metadata, media, lang, force=False):
        page = HTML.ElementFromURL(FILM_URL % metadata.id)
        title = page.xpath('//h1[@class="title"]/text()')[0]
        Log.Info('Kinorama update: ' + media.title + ' is ' + title)
        metadata.title = str(title).strip()
        metadata.year = int(page.xpath('//span[@class="year"]/text()')[0])
        metadata.studio = page.xpath('//dd[@class="studio"]/text()')[0].strip()
        metadata.summary = page.xpath('//div[@class="synopsis"]/text()')[0].strip()
