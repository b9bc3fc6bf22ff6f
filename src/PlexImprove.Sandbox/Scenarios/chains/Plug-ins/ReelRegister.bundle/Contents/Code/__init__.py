# -*- coding: utf-8 -*-
"""ReelRegister: film register agent (PGMA style)."""
import utils

AGENT = 'ReelRegister'
BASE_URL = 'http://www.reelregister.example'
SEARCH_URL = BASE_URL + '/find?title={0}'
BROWSER = {'User-Agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Safari/537.36',
           'Accept-Language': 'en-US,en;q=0.8'}


def Start():
    HTTP.CacheTime = 0
    utils.log(AGENT, 'START:: Agent started, version 2020.02.14.3')


class ReelRegister(Agent.Movies):
    name = 'ReelRegister'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual):
        film = utils.parse_filename(media)
        utils.log(AGENT, 'SEARCH:: Processing                    {0}'.format(film['filename']))
        page = HTML.ElementFromURL(SEARCH_URL.format(String.URLEncode(film['title'])), headers=BROWSER)
        container = page.xpath('//div[@id="searchResults"]')[0]
        rows = container.xpath('.//div[@class="result-row"]')
        if not rows:
            utils.log_error(AGENT, 'SEARCH', 'Error: Search Query did not pull any results: < No Film Titles >')
            utils.footer(AGENT, 'SEARCH', False)
            return
        for row in rows:
            anchor = row.xpath('.//a[@class="result-row__link"]')[0]
            site_title = anchor.text_content().strip()
            if site_title.lower() != film['title'].decode('utf-8').lower():
                continue
            film_id = anchor.get('href').strip('/').split('/')[-1]
            results.Append(MetadataSearchResult(id=film_id, name=site_title, year=film['year'], score=100, lang=lang))
            utils.footer(AGENT, 'SEARCH', True)
            return
        utils.log_error(AGENT, 'SEARCH', 'Error getting Site Title: < Title Match Failure! >')
        utils.footer(AGENT, 'SEARCH', False)

    def update(self, metadata, media, lang, force):
        url = BASE_URL + '/title/' + metadata.id + '/'
        utils.log(AGENT, 'UPDATE:: Film URL                      {0}'.format(url))
        page = HTML.ElementFromURL(url, headers=BROWSER)
        metadata.title = page.xpath('//h1[@id="film-name"]/text()')[0].strip()
        # Label and value spans: the label's text names the field.
        metadata.studio = page.xpath('//div[@class="film-meta"]/span[@class="meta-label" and text()="Studio:"]/following-sibling::span[1]/text()')[0].strip()
        metadata.year = int(page.xpath('//div[@class="film-meta"]/span[@class="meta-label" and text()="Released:"]/following-sibling::span[1]/text()')[0])
        metadata.summary = page.xpath('//div[@class="film-synopsis"]/text()')[0].strip()
        utils.footer(AGENT, 'UPDATE', True)
