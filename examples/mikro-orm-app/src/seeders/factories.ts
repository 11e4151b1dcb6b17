import { faker } from '@faker-js/faker';
import { Factory } from '@mikro-orm/seeder';
import { Author, Book, Genre, Publisher } from '../entities.ts';

// @mikro-orm/seeder factories, as the app writes them. Seeded, so every run is the same.
faker.seed(2024);

export class PublisherFactory extends Factory<Publisher> {
  model = Publisher;
  protected definition() {
    return {
      name: `${faker.company.name()} Press`,
      country: faker.location.countryCode('alpha-2'),
      address: { street: faker.location.streetAddress(), city: faker.location.city(), postCode: faker.location.zipCode(), kind: 'head-office' as const },
    };
  }
}

export class AuthorFactory extends Factory<Author> {
  model = Author;
  protected definition() {
    return { name: faker.person.fullName(), email: faker.internet.email().toLowerCase(), born: faker.date.birthdate().toISOString().slice(0, 10) };
  }
}

export class BookFactory extends Factory<Book> {
  model = Book;
  protected definition() {
    return {
      title: faker.book.title(),
      isbn: faker.string.numeric(13),
      year: faker.number.int({ min: 1950, max: 2024 }),
      genre: faker.helpers.arrayElement(Object.values(Genre)),
      tags: faker.helpers.arrayElements(['award-winner', 'bestseller', 'debut', 'translated', 'classic'], { min: 1, max: 3 }),
    };
  }
}
