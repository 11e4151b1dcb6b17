import { pools as P } from '../pools.ts';
import type { Rng } from '../prng.ts';
import { INT, NUM, TEXT, choice, dominant, ends, exact, fitted, int, logInt, pick, pool, tables, type Rule } from './kit.ts';
import { fullName } from './text.ts';

// Music, film and books: genres, albums, tracks, artists, composers, durations (chinook's
// Track.Milliseconds), media types, playlists, film titles, book titles, authors, publishers.

const MEDIA_TABLES = tables('tracks?', 'songs?', 'recordings?', 'episodes?', 'podcasts?', 'videos?', 'clips?', 'audio_files?', 'media_items?');
const FILM_TABLES = tables('films?', 'movies?', 'shows?', 'tv_shows?', 'series', 'episodes?', 'videos?');
const BOOK_TABLES = tables('books?', 'library_books?', 'novels?', 'publications?', 'library_items?', 'ebooks?', 'titles', 'book_copies');

function composers(r: Rng): string {
  const n = r.float() < 0.6 ? 1 : r.float() < 0.7 ? 2 : 3;
  let s = fullName(r);
  for (let i = 1; i < n; i++) s += (i === n - 1 ? ' & ' : ', ') + fullName(r);
  return s;
}

function filmTitle(r: Rng): string {
  const a = pick(r, P.filmWords);
  const b = pick(r, P.filmWords);
  switch (r.next32() & 3) {
    case 0: return `The ${a} ${b}`;
    case 1: return `${a} ${b}`;
    case 2: return `${a} of the ${b}`;
    default: return `The ${b}`;
  }
}

export const mediaRules: Rule[] = [
  // ── Table context ─────────────────────────────────────────────────────────────────────
  {
    id: 'music.genre.context',
    column: exact('name', 'genre_name', 'title', 'label'),
    table: tables('genres?', 'music_genres?'),
    kinds: TEXT,
    make: (f) => pool(f, P.musicGenres),
    doc: '`name` in a genres table: Rock, Jazz, Bossa Nova … (chinook Genre.Name).',
    example: 'Genre.Name NVARCHAR(120)',
  },
  {
    id: 'music.album.context',
    column: exact('title', 'name', 'album_title', 'album_name'),
    table: tables('albums?'),
    kinds: TEXT,
    make: (f) => pool(f, P.albums),
    doc: '`title` of an album (chinook Album.Title).',
    example: 'Album.Title NVARCHAR(160)',
  },
  {
    id: 'music.track.context',
    column: exact('name', 'title', 'track_name', 'track_title', 'song_name', 'song_title'),
    table: tables('tracks?', 'songs?', 'recordings?', 'playlist_tracks?'),
    kinds: TEXT,
    make: (f) => pool(f, P.songs),
    doc: '`name` of a track/song (chinook Track.Name).',
    example: 'Track.Name NVARCHAR(200)',
  },
  {
    id: 'music.artist.context',
    column: exact('name', 'artist_name', 'band_name', 'stage_name', 'title'),
    table: tables('artists?', 'bands?', 'musicians?', 'performers?', 'singers?', 'composers?'),
    kinds: TEXT,
    make: (f) => pool(f, P.artists),
    doc: '`name` of an artist/band (chinook Artist.Name).',
    example: 'Artist.Name NVARCHAR(120)',
  },
  {
    id: 'music.mediaType.context',
    column: exact('name', 'title', 'label', 'type_name'),
    table: tables('media_types?', 'mediatypes?', 'file_formats?', 'audio_formats?'),
    kinds: TEXT,
    make: (f) => pool(f, P.mediaTypes),
    doc: '`name` in a media-types table: MPEG audio file, AAC audio file … (chinook MediaType.Name).',
    example: 'MediaType.Name NVARCHAR(120)',
  },
  {
    id: 'music.playlist.context',
    column: exact('name', 'title', 'playlist_name'),
    table: tables('playlists?'),
    kinds: TEXT,
    make: (f) => pool(f, P.playlists),
    doc: '`name` of a playlist: Chill Evening, Workout Mix … (chinook Playlist.Name).',
    example: 'Playlist.Name NVARCHAR(120)',
  },
  {
    id: 'media.duration.context',
    column: exact('duration', 'length', 'runtime', 'running_time', 'duration_seconds', 'length_seconds', 'duration_secs'),
    table: MEDIA_TABLES,
    kinds: NUM,
    make: () => int(90, 420),
    doc: 'Duration of a track/episode/video in seconds (90–420).',
    example: 'songs.duration INTEGER',
  },
  {
    id: 'film.length.context',
    column: exact('length', 'duration', 'runtime', 'running_time', 'duration_minutes', 'runtime_minutes', 'length_minutes'),
    table: FILM_TABLES,
    kinds: NUM,
    make: () => int(75, 185),
    doc: 'Length of a film in minutes (75–185; pagila film.length).',
    example: 'film.length SMALLINT',
  },
  {
    id: 'media.bytes.context',
    column: exact('bytes', 'size', 'file_size', 'size_bytes', 'filesize'),
    table: MEDIA_TABLES,
    kinds: INT,
    make: () => int(1_000_000, 15_000_000),
    doc: 'Size of a track/video file in bytes (1–15 MB; chinook Track.Bytes).',
    example: 'Track.Bytes INTEGER',
  },
  {
    id: 'media.price.context',
    column: exact('unit_price', 'price', 'rental_rate', 'cost', 'purchase_price'),
    table: /(^|_)(tracks?|songs?|albums?|films?|movies?|episodes?|apps?|invoice_lines?|e?books?)$/,
    kinds: NUM,
    // A digital catalogue has a typical price most items cost; the dearer points are rarer.
    make: (f) => dominant(f, f.column.kind === 'integer' || f.column.kind === 'bigint' ? [1, 2, 3, 5] : [0.99, 1.99, 1.29, 2.99, 4.99], 0.85),
    doc: 'Prices of tracks, albums, films and invoice lines: one typical price (0.99) in most rows, then 1.99, 1.29, 2.99, 4.99, each rarer (chinook UnitPrice, pagila rental_rate).',
    example: 'Track.UnitPrice NUMERIC(10,2)',
  },
  {
    id: 'film.title.context',
    column: exact('title', 'name', 'film_title', 'movie_title', 'show_title', 'episode_title'),
    table: FILM_TABLES,
    kinds: TEXT,
    make: fitted(filmTitle),
    doc: '`title` of a film/show/video: "The Silent Harbor", "Midnight of the Storm".',
    example: 'film.title TEXT',
  },
  {
    id: 'film.rating.context',
    column: exact('rating', 'mpaa_rating', 'age_rating', 'content_rating', 'certificate'),
    table: FILM_TABLES,
    kinds: TEXT,
    make: (f) => choice(f, ['G', 'PG', 'PG-13', 'R', 'NC-17']),
    doc: 'Film ratings G, PG, PG-13, R, NC-17.',
    example: 'film.rating TEXT',
  },
  {
    id: 'book.title.context',
    column: exact('title', 'name', 'book_title', 'book_name'),
    table: BOOK_TABLES,
    kinds: TEXT,
    make: (f) => pool(f, P.bookTitles),
    doc: '`title` of a book: classic titles (faker book data).',
    example: 'library_books.title VARCHAR(255)',
  },
  {
    id: 'book.author.context',
    column: exact('author', 'author_name', 'authors', 'writer', 'written_by'),
    table: BOOK_TABLES,
    kinds: TEXT,
    make: (f) => pool(f, P.bookAuthors),
    doc: '`author` of a book: real author names (faker book data).',
    example: 'library_books.author VARCHAR(150)',
  },
  {
    id: 'book.genre.context',
    column: exact('genre', 'genre_name', 'category', 'name', 'title'),
    table: /(^|_)(books?|library_books?|novels?|ebooks?|library_categor(y|ies)|book_categor(y|ies)|book_genres?)$/,
    kinds: TEXT,
    make: (f) => pool(f, P.bookGenres),
    doc: 'Genre of a book, and `name` in library/book categories: Mystery, Biography, Science Fiction …',
    example: 'library_categories.name VARCHAR(100)',
  },
  {
    id: 'book.format.context',
    column: exact('format', 'book_format', 'binding', 'edition_format', 'media_format'),
    table: BOOK_TABLES,
    kinds: TEXT,
    make: (f) => choice(f, P.bookFormats),
    doc: 'Book formats: Hardcover, Paperback, Ebook, Audiobook.',
    example: 'books.format TEXT',
  },
  {
    id: 'book.publisher.context',
    column: exact('name', 'publisher_name', 'title'),
    table: tables('publishers?', 'publishing_houses?', 'imprints?'),
    kinds: TEXT,
    make: (f) => pool(f, P.bookPublishers),
    doc: '`name` of a publisher.',
    example: 'publishers.name TEXT',
  },
  {
    id: 'language.name.context',
    column: exact('name', 'language_name', 'title', 'english_name'),
    table: tables('languages?', 'locales?'),
    kinds: TEXT,
    make: (f) => pool(f, P.languageNames),
    doc: '`name` in a languages table: English, French … (pagila language.name).',
    example: 'language.name CHAR(20)',
  },
  // ── Columns ───────────────────────────────────────────────────────────────────────────
  {
    id: 'music.genre',
    column: exact('genre', 'genre_name', 'music_genre', 'musical_genre', 'favorite_genre', 'favourite_genre', 'style_of_music'),
    kinds: TEXT,
    make: (f) => pool(f, P.musicGenres),
    doc: 'Music genres (faker music).',
    example: 'artists.genre TEXT',
  },
  {
    id: 'music.album',
    column: exact('album', 'album_title', 'album_name', 'record', 'release_title'),
    kinds: TEXT,
    make: (f) => pool(f, P.albums),
    doc: 'Album titles.',
    example: 'songs.album TEXT',
  },
  {
    id: 'music.track',
    column: exact('track', 'track_name', 'track_title', 'song', 'song_name', 'song_title', 'now_playing'),
    kinds: TEXT,
    make: (f) => pool(f, P.songs),
    doc: 'Song titles.',
    example: 'plays.song_title TEXT',
  },
  {
    id: 'music.artist',
    column: exact('artist', 'artist_name', 'band', 'band_name', 'performer', 'singer', 'musician', 'recording_artist'),
    kinds: TEXT,
    make: (f) => pool(f, P.artists),
    doc: 'Artist and band names.',
    example: 'plays.artist TEXT',
  },
  {
    id: 'music.composer',
    column: exact('composer', 'composers', 'songwriter', 'songwriters', 'lyricist', 'arranger', 'written_by_composer'),
    kinds: TEXT,
    make: fitted(composers),
    doc: 'Composers: one to three people "A. Smith, B. Jones & C. Brown" (chinook Track.Composer).',
    example: 'Track.Composer NVARCHAR(220)',
  },
  {
    id: 'music.durationMs',
    column: /^(milliseconds|duration_ms|length_ms|track_length_ms|duration_millis|runtime_ms|duration_in_ms)$/,
    kinds: NUM,
    make: () => int(90_000, 420_000),
    doc: 'Track durations in ms (1.5–7 minutes; chinook Track.Milliseconds).',
    example: 'Track.Milliseconds INTEGER',
  },
  {
    id: 'media.releaseYear',
    column: exact('release_year', 'year_released', 'publication_year', 'published_year', 'year_published', 'copyright_year', 'recorded_year', 'year_of_publication', 'release_yr'),
    kinds: [...INT, 'text'],
    make: (f) => (f.column.kind === 'text' ? fitted((r) => String(r.int(1960, 2025)))(f) : int(1960, 2025)),
    doc: 'Release/publication years 1960–2025.',
    example: 'books.publication_year INTEGER',
  },
  {
    id: 'book.author',
    column: exact('book_author', 'novelist'),
    kinds: TEXT,
    make: (f) => pool(f, P.bookAuthors),
    doc: 'Book authors.',
    example: 'reading_logs.book_author TEXT',
  },
  {
    id: 'book.title',
    column: exact('book_title', 'book_name', 'book', 'reading_title'),
    kinds: TEXT,
    make: (f) => pool(f, P.bookTitles),
    doc: 'Book titles.',
    example: 'reading_logs.book_title TEXT',
  },
  {
    id: 'book.publisher',
    column: exact('publisher', 'publisher_name', 'imprint', 'publishing_house'),
    kinds: TEXT,
    make: (f) => pool(f, P.bookPublishers),
    doc: 'Publishers (faker book data).',
    example: 'library_books.publisher VARCHAR(150)',
  },
  {
    id: 'book.edition',
    column: exact('edition', 'edition_number', 'edition_name'),
    kinds: [...TEXT, ...INT],
    make: (f) => (f.column.kind === 'text' ? choice(f, ['1st', '2nd', '3rd', '4th', 'Revised', 'Anniversary']) : int(1, 6)),
    doc: 'Editions: 1st, 2nd, Revised … (1–6 as a number).',
    example: 'library_books.edition TEXT',
  },
  {
    id: 'book.callNumber',
    column: ends('dewey', 'dewey_code', 'dewey_decimal', 'dewey_number', 'call_number', 'classification_code', 'class_mark'),
    kinds: TEXT,
    make: (f) => fitted((r) => `${String(r.int(0, 999)).padStart(3, '0')}.${r.int(1, 99)}`)(f),
    doc: 'Dewey/call numbers "510.23".',
    example: 'library_categories.dewey_code VARCHAR(10)',
  },
  {
    id: 'media.pageCount',
    column: exact('pages', 'page_count', 'num_pages', 'number_of_pages', 'total_pages'),
    kinds: NUM,
    make: () => int(24, 900),
    doc: 'Page counts 24–900.',
    example: 'library_books.pages INTEGER',
  },
  {
    id: 'media.views',
    column: ends('views', 'view_count', 'plays', 'play_count', 'listens', 'streams', 'downloads', 'download_count', 'likes', 'like_count', 'followers', 'follower_count', 'subscribers', 'subscriber_count', 'shares', 'share_count'),
    kinds: INT,
    make: (f) => logInt(f, 1, 250_000),
    doc: 'Audience counters (views, plays, likes, followers): log-spread 1 … 250 000.',
    example: 'videos.view_count INTEGER',
  },
];
