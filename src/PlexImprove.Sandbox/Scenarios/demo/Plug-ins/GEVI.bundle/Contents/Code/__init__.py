# -*- coding: utf-8 -*-
"""GEVI: gay erotic video index agent (PGMA style)."""
import re
import utils

AGENT = 'GEVI'
BASE_URL = 'http://www.gayeroticvideoindex.example'
SEARCH_URL = BASE_URL + '/search?type=t&where=b&query={0}'


def Start():
    HTTP.CacheTime = 0
    utils.log(AGENT, 'START:: Agent started, version 2019.08.12.7')


def fetch(url):
    return HTML.ElementFromURL(url, timeout=float(Prefs['timeout']))


class GEVI(Agent.Movies):
    name = 'GEVI'
    languages = [Locale.Language.English]
    primary_provider = True
    accepts_from = ['com.plexapp.agents.localmedia']

    def search(self, results, media, lang, manual):
        film = utils.parse_filename(media)
        utils.log(AGENT, 'SEARCH:: Processing                    {0}'.format(film['filename']))
        query = SEARCH_URL.format(String.URLEncode(film['title']))
        utils.log(AGENT, 'SEARCH:: Search Query                  {0}'.format(query))
        try:
            page = fetch(query)
            rows = page.xpath('//table[@class="results"]//tr[td]')
            if not rows:
                raise Exception('< No Film Titles! >')
        except Exception as e:
            utils.log_error(AGENT, 'SEARCH', 'Error: Search Query did not pull any results: {0}'.format(e))
            utils.footer(AGENT, 'SEARCH', False)
            return

        for row in rows:
            site_title = row.xpath('./td[1]/a/text()')[0].strip()
            site_url = BASE_URL + row.xpath('./td[1]/a/@href')[0]
            if site_title.lower() != film['title'].lower():
                utils.log_error(AGENT, 'SEARCH', 'Error getting Site Title: < Title Match Failure! >')
                continue
            try:
                detail = fetch(site_url)
                site_studio = detail.xpath('//span[@class="studio"]/text()')[0].strip()
                site_year = int(detail.xpath('//span[@class="year"]/text()')[0])
            except Exception as e:
                utils.log_error(AGENT, 'SEARCH', 'Error getting Site Entry: {0}'.format(e))
                continue
            if re.sub(r'\W', '', site_studio.lower()) != re.sub(r'\W', '', film['studio'].lower()):
                utils.log_error(AGENT, 'SEARCH', 'Error Matching {0}: < Studio Match Failure! >'.format(site_studio))
                continue
            film_id = site_url.rsplit('/', 1)[-1]
            utils.log(AGENT, 'SEARCH:: Match Found                   {0}'.format(site_url))
            results.Append(MetadataSearchResult(id=film_id, name=site_title, year=site_year, score=100, lang=lang))
            utils.footer(AGENT, 'SEARCH', True)
            return

        utils.footer(AGENT, 'SEARCH', False)

    def update(self, metadata, media, lang, force):
        url = BASE_URL + '/video/' + metadata.id
        utils.log(AGENT, 'UPDATE:: Film URL                      {0}'.format(url))
        try:
            page = fetch(url)
            metadata.title = page.xpath('//h1[@class="title"]/text()')[0].strip()
            metadata.studio = page.xpath('//span[@class="studio"]/text()')[0].strip()
            metadata.year = int(page.xpath('//span[@class="year"]/text()')[0])
            metadata.summary = page.xpath('//div[@class="synopsis"]/text()')[0].strip()
        except Exception as e:
            utils.log_error(AGENT, 'UPDATE', 'Error getting Site Info: {0}'.format(e))
            utils.footer(AGENT, 'UPDATE', False)
            return
        utils.footer(AGENT, 'UPDATE', True)
