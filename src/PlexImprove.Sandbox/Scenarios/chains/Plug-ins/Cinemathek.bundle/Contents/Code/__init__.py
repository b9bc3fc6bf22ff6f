# -*- coding: utf-8 -*-
"""Cinemathek: art-house film database agent (PGMA style)."""
import utils

AGENT = 'Cinemathek'
BASE_URL = 'http://www.cinemathek.example'
SEARCH_URL = BASE_URL + '/search?q={0}'
BROWSER = {'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0',
           'Accept-Language': 'en-GB,en;q=0.7'}


def Start():
    HTTP.CacheTime = 0
    utils.log(AGENT, 'START:: Agent started, version 2019.06.30.1')


def fetch(url):
    return HTML.ElementFromURL(url, timeout=float(Prefs['timeout']), headers=BROWSER)


class Cinemathek(Agent.Movies):
    name = 'Cinemathek'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual):
        film = utils.parse_filename(media)
        utils.log(AGENT, 'SEARCH:: Processing                    {0}'.format(film['filename']))
        page = fetch(SEARCH_URL.format(String.URLEncode(film['title'])))
        # The result list: one row per film, its link first.
        listing = page.xpath('//ul[@class="search-list"]')[0]
        wanted = film['title'].decode('utf-8').lower()
        for row in listing.xpath('./li[@class="search-list__row"]'):
            link = row.xpath('./a')[0]
            site_title = link.text_content().strip()
            if site_title.lower() != wanted:
                utils.log(AGENT, 'SEARCH:: Skipping                      {0}'.format(site_title.encode('utf-8')))
                continue
            film_id = link.get('href').rstrip('/').split('/')[-1]
            results.Append(MetadataSearchResult(id=film_id, name=site_title, year=film['year'], score=100, lang=lang))
            utils.footer(AGENT, 'SEARCH', True)
            return
        utils.log_error(AGENT, 'SEARCH', 'Error getting Site Title: < Title Match Failure! >')
        utils.footer(AGENT, 'SEARCH', False)

    def update(self, metadata, media, lang, force):
        url = BASE_URL + '/film/' + metadata.id
        utils.log(AGENT, 'UPDATE:: Film URL                      {0}'.format(url))
        page = fetch(url)
        metadata.title = page.xpath('//h1[@class="film-title"]/text()')[0].strip()
        # The facts table: a header cell names each field, the cell beside it holds the value.
        facts = page.xpath('//table[@class="film-facts"]')[0]
        metadata.studio = facts.xpath('.//th[text()="Studio"]/following-sibling::td/text()')[0].strip()
        metadata.year = int(facts.xpath('.//th[text()="Year"]/following-sibling::td/text()')[0])
        metadata.summary = page.xpath('//div[@class="synopsis"]/p/text()')[0].strip()
        utils.footer(AGENT, 'UPDATE', True)
