# -*- coding: utf-8 -*-
"""CineVault: Japanese cinema metadata from cinevault.example."""

HOST = 'https://www.cinevault.example'
HEADERS = {'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
           'Accept-Language': 'en-GB,en;q=0.8'}


def Start():
    HTTP.CacheTime = CACHE_1DAY


def fetch(path):
    return HTML.ElementFromString(HTTP.Request(HOST + path, headers=HEADERS, timeout=30).content)


class CineVaultAgent(Agent.Movies):
    name = 'CineVault'
    languages = [Locale.Language.English, Locale.Language.Japanese]
    primary_provider = True

    def search(self, results, media, lang, manual):
        page = fetch('/search?q=' + String.Quote(media.name, usePlus=True))
        for hit in page.xpath('//ul[@class="hits"]/li'):
            title = hit.xpath('./b/text()')[0]
            results.Append(MetadataSearchResult(id=hit.get('data-id'), name=title, year=int(hit.xpath('./i/text()')[0]),
                                                score=100 if title.lower() == media.name.lower() else 50, lang=lang))

    def update(self, metadata, media, lang, force):
        page = fetch('/movie/' + metadata.id)
        metadata.title = page.xpath('//h2[@class="title"]/text()')[0]
        metadata.studio = page.xpath('//span[@class="studio"]/text()')[0]
        metadata.year = int(page.xpath('//span[@class="year"]/text()')[0])
        metadata.summary = page.xpath('//div[@class="plot"]/text()')[0]
