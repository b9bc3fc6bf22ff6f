# -*- coding: utf-8 -*-
"""CineNook: independent cinema agent (PGMA style). Searches by the first word of the title, as the site's search is strict."""
import utils

AGENT = 'CineNook'
BASE_URL = 'http://www.cinenook.example'
SEARCH_URL = BASE_URL + '/search?s={0}'
ARTICLES = ('the', 'a', 'an')
BROWSER = {'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Edge/120.0 Safari/537.36',
           'Accept-Language': 'en-GB,en;q=0.9'}


def Start():
    HTTP.CacheTime = 0
    utils.log(AGENT, 'START:: Agent started, version 2018.11.02.1')


def clean_title(title):
    """The form both titles are compared in."""
    return ' '.join(title.lower().split())


class CineNook(Agent.Movies):
    name = 'CineNook'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual):
        film = utils.parse_filename(media)
        utils.log(AGENT, 'SEARCH:: Processing                    {0}'.format(film['filename']))
        words = [word for word in film['title'].split() if word.lower() not in ARTICLES]
        url = SEARCH_URL.format(String.URLEncode(words[0]))
        utils.log(AGENT, 'SEARCH:: Search Query                  {0}'.format(url))
        try:
            page = HTML.ElementFromURL(url, headers=BROWSER)
        except Exception as e:
            utils.log_error(AGENT, 'SEARCH', 'Error: Search Query did not pull any results: {0}'.format(e))
            utils.footer(AGENT, 'SEARCH', False)
            return
        wanted = clean_title(film['title'].decode('utf-8'))
        for hit in page.xpath('//li[@class="hit"]'):
            site_title = hit.xpath('./a/text()')[0].strip()
            if clean_title(site_title) != wanted:
                utils.log_error(AGENT, 'SEARCH', 'Error getting Site Title: < Title Match Failure! >')
                continue
            film_id = hit.xpath('./a/@href')[0].rsplit('/', 1)[-1].replace('.html', '')
            results.Append(MetadataSearchResult(id=film_id, name=site_title, year=film['year'], score=100, lang=lang))
            utils.footer(AGENT, 'SEARCH', True)
            return
        utils.footer(AGENT, 'SEARCH', False)

    def update(self, metadata, media, lang, force):
        url = BASE_URL + '/film/' + metadata.id + '.html'
        try:
            page = HTML.ElementFromURL(url, headers=BROWSER)
            metadata.title = page.xpath('//h1[@itemprop="name"]/text()')[0].strip()
            metadata.studio = page.xpath('//span[@itemprop="productionCompany"]/text()')[0].strip()
            metadata.year = int(page.xpath('//span[@itemprop="dateCreated"]/text()')[0])
            metadata.summary = page.xpath('//p[@itemprop="description"]/text()')[0].strip()
        except Exception as e:
            utils.log_error(AGENT, 'UPDATE', 'Error getting Site Info: {0}'.format(e))
            utils.footer(AGENT, 'UPDATE', False)
            return
        utils.footer(AGENT, 'UPDATE', True)
