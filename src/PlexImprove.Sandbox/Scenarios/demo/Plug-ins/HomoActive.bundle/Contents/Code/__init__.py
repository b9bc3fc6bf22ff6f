# -*- coding: utf-8 -*-
"""HomoActive: the healthy control agent (PGMA style)."""
import utils

AGENT = 'HomoActive'
BASE_URL = 'http://www.homoactive.example'
SEARCH_URL = BASE_URL + '/catalogsearch/result/?q={0}'
BROWSER = {'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
           'Accept-Language': 'en-US,en;q=0.5'}


def Start():
    HTTP.CacheTime = CACHE_1DAY
    utils.log(AGENT, 'START:: Agent started, version 2022.01.09.4')


class HomoActive(Agent.Movies):
    name = 'HomoActive'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual):
        film = utils.parse_filename(media)
        utils.log(AGENT, 'SEARCH:: Processing                    {0}'.format(film['filename']))
        try:
            page = HTML.ElementFromURL(SEARCH_URL.format(String.URLEncode(film['title'])), headers=BROWSER)
            products = page.xpath('//li[contains(@class,"product-item")]')
            if not products:
                raise Exception('< No Films! >')
        except Exception as e:
            utils.log_error(AGENT, 'SEARCH', 'Error: Search Query did not pull any results: {0}'.format(e))
            utils.footer(AGENT, 'SEARCH', False)
            return
        for product in products:
            link = product.xpath('.//a[@class="product-item-link"]')[0]
            site_title = link.text_content().strip()
            if site_title.lower() != film['title'].decode('utf-8').lower():
                utils.log_error(AGENT, 'SEARCH', 'Error getting Site Title: < Title Match Failure! >')
                continue
            film_id = link.get('href').rstrip('/').rsplit('/', 1)[-1].replace('.html', '')
            results.Append(MetadataSearchResult(id=film_id, name=site_title, year=film['year'], score=100, lang=lang))
            utils.footer(AGENT, 'SEARCH', True)
            return
        utils.footer(AGENT, 'SEARCH', False)

    def update(self, metadata, media, lang, force):
        url = BASE_URL + '/dvd/' + metadata.id + '.html'
        try:
            page = HTML.ElementFromURL(url, headers=BROWSER)
            metadata.title = page.xpath('//h1[@class="page-title"]/span/text()')[0].strip()
            metadata.studio = page.xpath('//td[@data-th="Studio"]/text()')[0].strip()
            metadata.year = int(page.xpath('//td[@data-th="Year"]/text()')[0])
            metadata.summary = page.xpath('//div[@itemprop="description"]/text()')[0].strip()
        except Exception as e:
            utils.log_error(AGENT, 'UPDATE', 'Error getting Site Info: {0}'.format(e))
            utils.footer(AGENT, 'UPDATE', False)
            return
        utils.footer(AGENT, 'UPDATE', True)
