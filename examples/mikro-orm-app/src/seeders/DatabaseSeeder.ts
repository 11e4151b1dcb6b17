import type { EntityManager } from '@mikro-orm/sqlite';
import { Seeder } from '@mikro-orm/seeder';
import { AuthorFactory, BookFactory, PublisherFactory } from './factories.ts';

/** The app's own seeder: 3 publishers, 10 authors, 3 books each. */
export class DatabaseSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const publishers = new PublisherFactory(em).make(3);
    new AuthorFactory(em)
      .each((author, i) => {
        author.publisher = publishers[i % publishers.length];
        new BookFactory(em).make(3, { author });
      })
      .make(10);
  }
}
