# -*- coding: utf-8 -*-
"""ReelBase: film metadata from reelbase.example (a title search, then the film's page)."""

BASE = 'http://www.reelbase.example'
SEARCH = BASE + '/search.php?title=%s'
FILM = BASE + '/film/%s'


def Start():
    HTTP.CacheTime = 0
    Log.Info('ReelBase agent 1.4 started')


def score_for(found, wanted, year, wanted_year):
    score = 100 if found.strip().lower() == wanted.strip().lower() else 70
    if wanted_year and year and int(year) != int(wanted_year):
        score = score - 20
    return score


class ReelBaseAgent(Agent.Movies):
    name = 'ReelBase'
    languages = [Locale.Language.English]
    primary_provider = True

    def search(self, results, media, lang, manual):
        Log.Info('ReelBase search: %s (%s)' % (media.name, media.year))
        page = HTML.ElementFromURL(SEARCH % String.Quote(media.name, usePlus=True))
        for card in page.xpath('//div[@class="film-card"]'):
            link = card.xpath('./a')[0]
            years = card.xpath('./span[@class="year"]/text()')
            year = years[0].strip() if years else None
            film_id = link.get('href').split('/')[-1]
            results.Append(MetadataSearchResult(id=film_id, name=link.text.strip(), year=int(year) if year else None,
                                                score=score_for(link.text, media.name, year, media.year), lang=lang))

    def update(self, metadata, media, lang, force):
        page = HTML.ElementFromURL(FILM % metadata.id)
        metadata.title = page.xpath('//h1[@itemprop="name"]/text()')[0].strip()
        metadata.studio = page.xpath('//dd[@class="studio"]/text()')[0].strip()
        metadata.year = int(page.xpath('//dd[@class="released"]/text()')[0])
        metadata.summary = page.xpath('//p[@class="synopsis"]/text()')[0].strip()
