namespace PlexImprove.Sandbox.Tests.Providers;

/// <summary>
/// A Plug-ins folder with two small legacy agents written for the provider contract tests: a movie agent (one id of
/// letters and digits, one with a slash, a space and an accent) and a TV agent whose site knows a season the library
/// may not hold. Neither reaches the network: what they set follows from their arguments, so every field is checkable.
/// </summary>
internal sealed class ProviderFixtureBundles : IDisposable
{
    public const string MovieIdentifier = "com.plexapp.agents.contractmovies";
    public const string ShowIdentifier = "com.plexapp.agents.contractshows";

    public const string MovieAgent = """
        # -*- coding: utf-8 -*-
        CATALOG = {
            'f2': {'title': 'Second Film', 'year': 2021},
            'film/1 café': {'title': 'Le Café', 'year': 2019},
        }

        def Start():
            Log.Info('contract movies started')

        class ContractMovies(Agent.Movies):
            name = 'Contract Movies'
            languages = [Locale.Language.English, 'de']
            primary_provider = True

            def search(self, results, media, lang, manual):
                Log.Info('search name=%s year=%s filename=%s manual=%s lang=%s' % (media.name, media.year, media.filename, manual, lang))
                if media.name == 'crash':
                    raise ValueError('search exploded')
                for key, item in CATALOG.items():
                    score = 95 if item['title'] == media.name else 60
                    results.Append(MetadataSearchResult(id=key, name=item['title'], year=item['year'], score=score, lang=lang))

            def update(self, metadata, media, lang, force):
                Log.Info('update id=%s media=%s lang=%s' % (metadata.id, media.title, lang))
                if metadata.id == 'crash':
                    raise ValueError('update exploded')
                if metadata.id not in CATALOG:
                    return
                item = CATALOG[metadata.id]
                metadata.title = item['title']
                metadata.year = item['year']
                metadata.summary = 'Summary of %s in %s, seen as %s' % (item['title'], lang, media.title)
                metadata.studio = 'Fixture Studio'
                metadata.tagline = 'A tagline'
                metadata.content_rating = 'R'
                metadata.original_title = 'Original %s' % item['title']
                metadata.originally_available_at = Datetime.ParseDate('2019-05-04').date()
                metadata.duration = 5400000
                metadata.rating = 7.5
                metadata.genres.clear()
                metadata.genres.add('Drama')
                metadata.genres.add('Comedy')
                metadata.collections.add('Fixture Collection')
                metadata.countries.add('France')
                metadata.directors.clear()
                director = metadata.directors.new()
                director.name = 'Ann Director'
                metadata.roles.clear()
                role = metadata.roles.new()
                role.name = 'Bob Actor'
                role.role = 'Hero'
                role.photo = 'http://img.example/bob.jpg'
                writer = metadata.writers.new()
                writer.name = 'Wendy Writer'
                producer = metadata.producers.new()
                producer.name = 'Pat Producer'
                metadata.posters['http://img.example/poster1.jpg'] = Proxy.Media('bytes1', sort_order=1)
                metadata.posters['http://img.example/poster2.jpg'] = Proxy.Media('bytes2', sort_order=2)
                metadata.art['http://img.example/art.jpg'] = Proxy.Media('bytes3')
        """;

    public const string ShowAgent = """
        # -*- coding: utf-8 -*-
        def Start():
            Log.Info('contract shows started')

        class ContractShows(Agent.TV_Shows):
            name = 'Contract Shows'
            languages = ['en']

            def search(self, results, media, lang, manual):
                Log.Info('search show=%s season=%s episode=%s year=%s' % (media.show, media.season, media.episode, media.year))
                results.Append(MetadataSearchResult(id='show42', name='The Fixture Show', year=2010, score=90, lang=lang))
                results.Append(MetadataSearchResult(id='show-7', name='Other Show', year=2012, score=40, lang=lang))

            def update(self, metadata, media, lang, force):
                if metadata.id != 'show42':
                    return
                metadata.title = 'The Fixture Show'
                metadata.summary = 'A show for contract tests'
                metadata.originally_available_at = Datetime.ParseDate('2010-01-01').date()
                metadata.posters['http://img.example/show.jpg'] = Proxy.Media('x')
                # The site knows season 1 whatever the library holds.
                metadata.seasons['1'].summary = 'Season one'
                for number in ['1', '2']:
                    episode = metadata.seasons['1'].episodes[number]
                    episode.title = 'Site episode 1x%s' % number
                    episode.summary = 'Summary 1x%s' % number
                    episode.originally_available_at = Datetime.ParseDate('2010-01-0%s' % number).date()
                # Episodes in the library (the media tree) are named from their files; the site has no episode past 10.
                for season in media.seasons:
                    for number in media.seasons[season].episodes:
                        episode = metadata.seasons[season].episodes[number]
                        if not episode.title and int(number) <= 10:
                            leaf = media.seasons[season].episodes[number]
                            episode.title = 'Library episode %sx%s from %s' % (season, number, leaf.items[0].parts[0].file)
        """;

    public ProviderFixtureBundles()
    {
        Root = Path.Combine(Path.GetTempPath(), "provider-test-" + Guid.NewGuid().ToString("N")[..8]);
        PluginsDir = Path.Combine(Root, "Plug-ins");
        LogsDir = Path.Combine(Root, "Logs", "PMS Plugin Logs");
        Write("ContractMovies.bundle", MovieIdentifier, MovieAgent);
        Write("ContractShows.bundle", ShowIdentifier, ShowAgent);
    }

    public string Root { get; }

    public string PluginsDir { get; }

    public string LogsDir { get; }

    public string CodePath(string bundle) => Path.Combine(PluginsDir, bundle, "Contents", "Code", "__init__.py");

    public string ReadLog(string identifier)
    {
        // The plug-in may still hold the file open for writing.
        using var stream = new FileStream(Path.Combine(LogsDir, identifier + ".log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void Write(string folder, string identifier, string code)
    {
        var contents = Path.Combine(PluginsDir, folder, "Contents");
        Directory.CreateDirectory(Path.Combine(contents, "Code"));
        File.WriteAllText(Path.Combine(contents, "Info.plist"), $"<plist><dict><key>CFBundleIdentifier</key><string>{identifier}</string></dict></plist>");
        File.WriteAllText(Path.Combine(contents, "Code", "__init__.py"), code);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder.
        }
    }
}
