import { defineEntity, p } from '@mikro-orm/sqlite';

// A small publishing app: publishers, their authors, and the authors' books.

const PublisherSchema = defineEntity({
  name: 'Publisher',
  tableName: 'publishers',
  properties: {
    id: p.integer().primary(),
    name: p.string().unique(),
    country: p.string().length(2),
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
    author: () => p.manyToOne(Author).inversedBy('books'),
  },
});
export class Book extends BookSchema.class {}
BookSchema.setClass(Book);
