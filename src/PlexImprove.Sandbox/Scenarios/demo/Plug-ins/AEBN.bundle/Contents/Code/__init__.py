# -*- coding: utf-8 -*-
"""AEBN: adult entertainment broadcast network agent (PGMA style)."""
import re
import utils

AGENT = 'AEBN'
BASE_URL = 'http://gay.aebn.example'
SEARCH_URL = BASE_URL + '/gay/search?queryType=Free+Form&query={0}'
BROWSER = {'User-Agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
           'Accept-Language': 'en-US,en;q=0.9'}


def Start():
    HTTP.CacheTime = 0
    utils.log(AGENT, 'START:: Agent started, version 2021.03.02.1')


def normalise(title):
    """Lower case, straight apostrophes removed, '&' spelt out: the form both titles are compared in."""
    title = title.lower().strip()
    title = title.replace("'", '').replace('&', 'and')
    title = re.sub(r'[^\w\s]', ' ', title)
    return re.sub(r'\s+', ' ', title).strip()


class AEBN(Agent.Movies):
    name = 'AEBN'
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
            entries = page.xpath('//div[@class="dts-collection-item"]')
            if not entries:
                raise Exception('< No Films! >')
        except Exception as e:
            utils.log_error(AGENT, 'SEARCH', 'Error: Search Query did not pull any results: {0}'.format(e))
            utils.footer(AGENT, 'SEARCH', False)
            return

        wanted = normalise(film['title'].decode('utf-8') if isinstance(film['title'], str) else film['title'])
        for entry in entries:
            site_title = entry.xpath('.//a[@class="dts-title"]/text()')[0].strip()
            href = entry.xpath('.//a[@class="dts-title"]/@href')[0]
            utils.log(AGENT, 'UTILS :: AEBN Title                    {0}'.format(site_title.encode('utf-8')))
            if normalise(site_title) != wanted:
                utils.log_error(AGENT, 'SEARCH', 'Error getting Site Title: < Title Match Failure! >')
                continue
            site_year = int(entry.xpath('.//span[@class="dts-year"]/text()')[0])
            results.Append(MetadataSearchResult(id=href.rsplit('/', 1)[-1], name=site_title, year=site_year, score=100, lang=lang))
            utils.footer(AGENT, 'SEARCH', True)
            return

        utils.footer(AGENT, 'SEARCH', False)

    def update(self, metadata, media, lang, force):
        url = BASE_URL + '/gay/movies/' + metadata.id
        utils.log(AGENT, 'UPDATE:: Film URL                      {0}'.format(url))
        try:
            page = HTML.ElementFromURL(url, headers=BROWSER)
            metadata.title = page.xpath('//h1[@class="dts-section-page-heading-title"]/text()')[0].strip()
            metadata.studio = page.xpath('//li[@class="section-detail-list-item-studio"]/a/text()')[0].strip()
            metadata.year = int(page.xpath('//li[@class="section-detail-list-item-release-date"]/span/text()')[0])
            metadata.summary = page.xpath('//div[@class="dts-section-page-detail-description-body"]/text()')[0].strip()
        except Exception as e:
            utils.log_error(AGENT, 'UPDATE', 'Error getting Site Info: {0}'.format(e))
            utils.footer(AGENT, 'UPDATE', False)
            return
        utils.footer(AGENT, 'UPDATE', True)
