# -*- coding: utf-8 -*-
"""The site's pages, read into plain dicts."""

ROOT = 'http://www.filmdepot.example'


def search(name):
    doc = HTML.ElementFromURL(ROOT + '/catalog/search?keywords=' + String.Quote(name, usePlus=True), timeout=20)
    hits = []
    for result in doc.xpath('//article[@class="result"]'):
        hits.append({'ref': result.get('data-ref'), 'title': result.xpath('./h3/text()')[0],
                     'year': int(result.xpath('./span[@class="date"]/text()')[0])})
    return hits


def score(hit, media):
    if hit['title'].lower() != media.name.lower():
        return 30
    if media.year and int(media.year) != hit['year']:
        return 80
    return 100


def item(ref):
    doc = HTML.ElementFromURL(ROOT + '/catalog/item/' + ref, timeout=20)
    return {'title': doc.xpath('//h1[@class="item-title"]/text()')[0],
            'year': int(doc.xpath('//li[@class="year"]/text()')[0]),
            'label': doc.xpath('//li[@class="label"]/text()')[0],
            'description': doc.xpath('//section[@class="description"]/text()')[0]}
