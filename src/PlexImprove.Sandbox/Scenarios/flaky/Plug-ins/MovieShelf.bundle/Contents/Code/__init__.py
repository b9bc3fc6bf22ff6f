# -*- coding: utf-8 -*-
"""MovieShelf: British film metadata from movieshelf.example."""

SITE = 'http://www.movieshelf.example'


def Start():
    HTTP.CacheTime = 0
    HTTP.SetTimeout(20)


def page(url):
    return HTML.ElementFromString(HTTP.Request(url).content)


class MovieShelfAgent(Agent.Movies):
    name = 'MovieShelf'
    languages = [Locale.Language.English]
    primary_provider = True

    def search(self, results, media, lang, manual):
        rows = page(SITE + '/titles?s=' + String.URLEncode(media.name)).xpath('//table[@class="titles"]//tr')
        Log.Debug('MovieShelf: %d row(s) for %s' % (len(rows), media.name))
        for row in rows:
            link = row.xpath('./td[@class="t"]/a')[0]
            year = int(row.xpath('./td[@class="y"]/text()')[0])
            same = link.text.lower() == media.name.lower()
            results.Append(MetadataSearchResult(id=link.get('href').rsplit('/', 1)[1], name=link.text, year=year,
                                                score=100 if same else 40, lang=lang))

    def update(self, metadata, media, lang, force):
        root = page(SITE + '/title/' + metadata.id)
        metadata.title = root.xpath('//div[@id="title-main"]/h1/text()')[0].strip()
        metadata.year = int(root.xpath('//h1/small/text()')[0].strip('()'))
        metadata.studio = root.xpath('//p[@class="company"]/text()')[0]
        metadata.summary = root.xpath('//div[@class="overview"]/text()')[0]
