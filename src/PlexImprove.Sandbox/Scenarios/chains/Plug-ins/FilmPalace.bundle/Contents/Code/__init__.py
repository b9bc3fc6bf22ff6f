# -*- coding: utf-8 -*-
"""FilmPalace: cinema catalogue agent (PGMA style)."""
import utils

AGENT = 'FilmPalace'
BASE_URL = 'http://www.filmpalace.example'
SEARCH_URL = BASE_URL + '/search?q={0}'
BROWSER = {'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
           'Accept-Language': 'en-US,en;q=0.9'}


def Start():
    HTTP.CacheTime = 0
    utils.log(AGENT, 'START:: Agent started, version 2021.09.12.2')


class FilmPalace(Agent.Movies):
    name = 'FilmPalace'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual):
        film = utils.parse_filename(media)
        utils.log(AGENT, 'SEARCH:: Processing                    {0}'.format(film['filename']))
        query = SEARCH_URL.format(String.URLEncode(film['title']))
        utils.log(AGENT, 'SEARCH:: Search Query                  {0}'.format(query))
        try:
            page = HTML.ElementFromURL(query, headers=BROWSER)
            links = page.xpath('//div[@class="movie"]/h3/a')
            if not links:
                raise Exception('< No Films! >')
        except Exception as e:
            utils.log_error(AGENT, 'SEARCH', 'Error: Search Query did not pull any results: {0}'.format(e))
            utils.footer(AGENT, 'SEARCH', False)
            return
        for link in links:
            site_title = link.text_content().strip()
            utils.log(AGENT, 'UTILS :: Site Title                    {0}'.format(site_title.encode('utf-8')))
            if site_title.lower() != film['title'].decode('utf-8').lower():
                utils.log_error(AGENT, 'SEARCH', 'Error getting Site Title: < Title Match Failure! >')
                continue
            film_id = link.get('href').rsplit('/', 1)[-1]
            results.Append(MetadataSearchResult(id=film_id, name=site_title, year=film['year'], score=100, lang=lang))
            utils.footer(AGENT, 'SEARCH', True)
            return
        utils.footer(AGENT, 'SEARCH', False)

    def update(self, metadata, media, lang, force):
        url = BASE_URL + '/movie/' + metadata.id
        try:
            page = HTML.ElementFromURL(url, headers=BROWSER)
            metadata.title = page.xpath('//h1[@class="movie-title"]/text()')[0].strip()
            metadata.studio = page.xpath('//p[@class="movie-studio"]/text()')[0].strip()
            metadata.year = int(page.xpath('//p[@class="movie-year"]/text()')[0])
            metadata.summary = page.xpath('//div[@class="movie-plot"]/text()')[0].strip()
        except Exception as e:
            utils.log_error(AGENT, 'UPDATE', 'Error getting Site Info: {0}'.format(e))
            utils.footer(AGENT, 'UPDATE', False)
            return
        utils.footer(AGENT, 'UPDATE', True)
