# -*- coding: utf-8 -*-
"""ClipShelf: the healthy control agent (PGMA style)."""
import utils

AGENT = 'ClipShelf'
BASE_URL = 'http://www.clipshelf.example'
SEARCH_URL = BASE_URL + '/search?q={0}'
BROWSER = {'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
           'Accept-Language': 'en-US,en;q=0.5'}


def Start():
    HTTP.CacheTime = CACHE_1DAY
    utils.log(AGENT, 'START:: Agent started, version 2023.04.01.1')


class ClipShelf(Agent.Movies):
    name = 'ClipShelf'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual):
        film = utils.parse_filename(media)
        utils.log(AGENT, 'SEARCH:: Processing                    {0}'.format(film['filename']))
        try:
            page = HTML.ElementFromURL(SEARCH_URL.format(String.URLEncode(film['title'])), headers=BROWSER)
            clips = page.xpath('//tr[@class="clip"]')
            if not clips:
                raise Exception('< No Films! >')
        except Exception as e:
            utils.log_error(AGENT, 'SEARCH', 'Error: Search Query did not pull any results: {0}'.format(e))
            utils.footer(AGENT, 'SEARCH', False)
            return
        for clip in clips:
            link = clip.xpath('./td[@class="clip-title"]/a')[0]
            site_title = link.text_content().strip()
            if site_title.lower() != film['title'].decode('utf-8').lower():
                continue
            results.Append(MetadataSearchResult(id=link.get('href').rsplit('/', 1)[-1], name=site_title, year=film['year'], score=100, lang=lang))
            utils.footer(AGENT, 'SEARCH', True)
            return
        utils.log_error(AGENT, 'SEARCH', 'Error getting Site Title: < Title Match Failure! >')
        utils.footer(AGENT, 'SEARCH', False)

    def update(self, metadata, media, lang, force):
        url = BASE_URL + '/clip/' + metadata.id
        try:
            page = HTML.ElementFromURL(url, headers=BROWSER)
            metadata.title = page.xpath('//h1[@class="clip-name"]/text()')[0].strip()
            metadata.studio = page.xpath('//dd[@class="clip-studio"]/text()')[0].strip()
            metadata.year = int(page.xpath('//dd[@class="clip-year"]/text()')[0])
            metadata.summary = page.xpath('//div[@class="clip-summary"]/text()')[0].strip()
        except Exception as e:
            utils.log_error(AGENT, 'UPDATE', 'Error getting Site Info: {0}'.format(e))
            utils.footer(AGENT, 'UPDATE', False)
            return
        utils.footer(AGENT, 'UPDATE', True)
