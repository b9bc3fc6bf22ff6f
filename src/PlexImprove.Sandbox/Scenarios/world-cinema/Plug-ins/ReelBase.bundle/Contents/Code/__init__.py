# -*- coding: utf-8 -*-
"""ReelBase: the healthy control. Plex hands it UTF-8 bytes; it decodes them once and works in unicode."""

BASE_URL = 'http://www.reelbase.example'


def Start():
    HTTP.CacheTime = CACHE_1DAY


class ReelBaseAgent(Agent.Movies):
    name = 'ReelBase'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual=False):
        name = media.name.decode('utf-8').strip()
        page = HTML.ElementFromURL(BASE_URL + '/find?q=' + String.Quote(name.encode('utf-8')))
        for row in page.xpath('//table[@class="hits"]//tr[td]'):
            link = row.xpath('./td[@class="name"]/a')[0]
            site_title = link.text_content().strip()
            score = 100 if site_title.lower() == name.lower() else 40
            results.Append(MetadataSearchResult(id=link.get('data-id'), name=site_title, score=score, lang=lang))

    def update(self, metadata, media, lang, force=False):
        page = HTML.ElementFromURL(BASE_URL + '/movie/' + metadata.id)
        metadata.title = page.xpath('//h2[@itemprop="name"]/text()')[0].strip()
        metadata.year = int(page.xpath('//meta[@itemprop="datePublished"]/@content')[0])
        metadata.summary = page.xpath('//p[@itemprop="description"]/text()')[0].strip()
        Log.Info(u'ReelBase update: %s', metadata.title)
