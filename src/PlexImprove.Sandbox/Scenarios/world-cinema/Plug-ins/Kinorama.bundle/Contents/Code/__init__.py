# -*- coding: utf-8 -*-
"""Kinorama: world cinema metadata from kinorama.example (written and tested on English-language titles)."""
import urllib

BASE_URL = 'http://www.kinorama.example'
SEARCH_URL = BASE_URL + '/search?title=%s'
FILM_URL = BASE_URL + '/film/%s'


def Start():
    HTTP.CacheTime = CACHE_1DAY
    Log.Info('Kinorama agent started')


def fetch_page(url):
    # The parser guessed the charset wrong on some pages, so the text is decoded first.
    return HTML.ElementFromString(HTTP.Request(url).content.decode('utf-8'))


class KinoramaAgent(Agent.Movies):
    name = 'Kinorama'
    languages = [Locale.Language.English, Locale.Language.French, Locale.Language.Japanese]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual=False):
        name = media.name.decode('utf-8').strip()
        page = fetch_page(SEARCH_URL % urllib.quote(name))
        for row in page.xpath('//ul[@class="results"]/li'):
            link = row.xpath('./a[@class="film"]')[0]
            site_title = link.text_content().strip()
            year = row.xpath('./span[@class="year"]/text()')[0].strip()
            score = 100 if site_title.lower() == name.lower() else 50
            if media.year and year != media.year:
                score = score - 20
            results.Append(MetadataSearchResult(id=link.get('href').rsplit('/', 1)[-1], name=site_title,
                                                year=int(year), score=score, lang=lang))

    def update(self, metadata, media, lang, force=False):
        page = fetch_page(FILM_URL % metadata.id)
        metadata.title = page.xpath('//h1[@class="title"]/text()')[0].strip()
        metadata.year = int(page.xpath('//span[@class="year"]/text()')[0])
        metadata.studio = page.xpath('//dd[@class="studio"]/text()')[0].strip()
        metadata.summary = page.xpath('//div[@class="synopsis"]/text()')[0].strip()
        Log.Info(u'Kinorama update: %s', metadata.title)
