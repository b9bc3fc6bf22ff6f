# -*- coding: utf-8 -*-
"""GayEmpire: gay DVD empire agent (PGMA style)."""
import utils

AGENT = 'GayEmpire'
BASE_URL = 'http://www.gayempire.example'
SEARCH_URL = BASE_URL + '/AllSearch/Search?view=list&q={0}'
BROWSER = {'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
           'Accept-Language': 'en-GB,en;q=0.8'}


def Start():
    HTTP.CacheTime = 0
    utils.log(AGENT, 'START:: Agent started, version 2020.11.18.2')


class GayEmpire(Agent.Movies):
    name = 'GayEmpire'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual):
        film = utils.parse_filename(media)
        utils.log(AGENT, 'SEARCH:: Processing                    {0}'.format(film['filename']))
        query = SEARCH_URL.format(String.URLEncode(film['title']))
        try:
            page = HTML.ElementFromURL(query, headers=BROWSER)
        except Exception as e:
            utils.log_error(AGENT, 'SEARCH', 'Error: Search Query did not pull any results: {0}'.format(e))
            utils.footer(AGENT, 'SEARCH', False)
            return
        # The site's list view: one div.item-title per film inside div.list-view.
        listing = page.xpath('//div[@class="list-view"]')[0]
        items = listing.xpath('./div[@class="item-title"]/a')
        if not items:
            utils.log_error(AGENT, 'SEARCH', 'Error: Search Query did not pull any results: < No Film Titles >')
        for item in items:
            site_title = item.text_content().strip()
            if site_title.lower() != film['title'].decode('utf-8').lower():
                utils.log_error(AGENT, 'SEARCH', 'Error getting Site Title: < Title Match Failure! >')
                continue
            film_id = item.get('href').strip('/').split('/')[0]
            results.Append(MetadataSearchResult(id=film_id, name=site_title, year=film['year'], score=100, lang=lang))
            utils.footer(AGENT, 'SEARCH', True)
            return
        utils.footer(AGENT, 'SEARCH', False)

    def update(self, metadata, media, lang, force):
        url = BASE_URL + '/' + metadata.id + '/'
        utils.log(AGENT, 'UPDATE:: Film URL                      {0}'.format(url))
        page = HTML.ElementFromURL(url, headers=BROWSER)
        # The site's product pages: title in h1, studio and year in the details list, synopsis in its own div.
        metadata.title = page.xpath('//h1/text()')[0].strip()
        metadata.studio = page.xpath('//ul[@class="list-unstyled"]/li[@class="studio"]/a/text()')[0].strip()
        metadata.year = int(page.xpath('//ul[@class="list-unstyled"]/li[@class="year"]/text()')[0])
        metadata.summary = page.xpath('//div[@class="synopsis"]/p/text()')[0].strip()
        utils.log(AGENT, 'UPDATE:: Summary                       {0} characters'.format(len(metadata.summary)))
        utils.footer(AGENT, 'UPDATE', True)
