import { defineEntity, p } from '@mikro-orm/sqlite';

// A small publishing app: publishers (with an address), their authors, the authors' books, and
// each book's editions — print, e-book or audio, one table (single-table inheritance).
// What the database alone cannot tell Seedbed, these entities do: the genres a book may have,
// that `tags` is a list, the address's fields, and which columns each kind of edition needs.

/** A book's genre: a string enum (MikroORM makes it a CHECK on SQLite). */
export const Genre = { Fiction: 'fiction', NonFiction: 'non-fiction', Poetry: 'poetry', Drama: 'drama', Children: 'children' } as const;

const AddressSchema = defineEntity({
  name: 'Address',
  embeddable: true,
  properties: {
    street: p.string(),
    city: p.string(),
    postCode: p.string().nullable(),
    kind: p.enum(['head-office', 'warehouse']),
  },
});
export class Address extends AddressSchema.class {}
AddressSchema.setClass(Address);

const PublisherSchema = defineEntity({
  name: 'Publisher',
  tableName: 'publishers',
  properties: {
    id: p.integer().primary(),
    name: p.string().unique(),
    country: p.string().length(2),
    // Stored as one JSON object.
    address: () => p.embedded(Address).object(),
  },
});
export class Publisher extends PublisherSchema.class {}
PublisherSchema.setClass(Publisher);

const AuthorSchema = defineEntity({
  name: 'Author',
  tableName: 'authors',
  properties: {
    id: p.integer().primary(),
    name: p.string(),
    email: p.string().unique(),
    born: p.date().nullable(),
    publisher: () => p.manyToOne(Publisher).nullable(),
    books: () => p.oneToMany(Book).mappedBy('author'),
  },
});
export class Author extends AuthorSchema.class {}
AuthorSchema.setClass(Author);

const BookSchema = defineEntity({
  name: 'Book',
  tableName: 'books',
  properties: {
    id: p.integer().primary(),
    title: p.string(),
    isbn: p.string().length(13).unique(),
    year: p.integer(),
    genre: p.enum(() => Genre),
    // A list, stored comma-separated in a text column.
    tags: p.array(),
    author: () => p.manyToOne(Author).inversedBy('books'),
  },
});
export class Book extends BookSchema.class {}
BookSchema.setClass(Book);

// Single-table inheritance: `format` says which class a row is; each class has columns of its own.
const EditionSchema = defineEntity({
  name: 'Edition',
  tableName: 'editions',
  abstract: true,
  discriminatorColumn: 'format',
  discriminatorMap: { print: 'PrintEdition', ebook: 'EBook', audio: 'AudioBook' } as never, // class names
  properties: {
    id: p.integer().primary(),
    format: p.string(),
    price: p.decimal().precision(8).scale(2),
    book: () => p.manyToOne(Book),
  },
});
export abstract class Edition extends EditionSchema.class {}
EditionSchema.setClass(Edition as never);

const PrintEditionSchema = defineEntity({
  name: 'PrintEdition',
  extends: EditionSchema,
  discriminatorValue: 'print',
  properties: { pages: p.integer(), hardcover: p.boolean() },
});
export class PrintEdition extends PrintEditionSchema.class {}
PrintEditionSchema.setClass(PrintEdition);

const EBookSchema = defineEntity({
  name: 'EBook',
  extends: EditionSchema,
  discriminatorValue: 'ebook',
  properties: { fileSizeKb: p.integer() },
});
export class EBook extends EBookSchema.class {}
EBookSchema.setClass(EBook);

const AudioBookSchema = defineEntity({
  name: 'AudioBook',
  extends: EditionSchema,
  discriminatorValue: 'audio',
  properties: { durationMinutes: p.integer(), narrator: p.string().nullable() },
});
export class AudioBook extends AudioBookSchema.class {}
AudioBookSchema.setClass(AudioBook);
