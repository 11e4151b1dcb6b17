// Seed 003 (a Slack-like chat) as a Seedbed config. Each rule of the seed is one setting here;
// test/example-chat.test.ts seeds schema.sql with it and checks every rule with SQL:
//   - 30 % of channels are direct messages (DMs); 40 % of the other channels are private
//   - a DM has exactly 2 members, one of them its owner; other channels 2–6, owner included
//   - messages come only from members of their channel
//   - 20 % of messages are replies, to a message of the same channel
//   - a user reacts at most once with the same reaction to a message (UNIQUE in the schema);
//     40 % of messages get reactions, 1–3 each
import { defineConfig } from 'seedbed';
import type { Schema } from './seedbed.schema.d.ts';

const REACTIONS = [
  ['👍', 'thumbs_up'], ['❤️', 'heart'], ['😂', 'joy'], ['🎉', 'tada'],
  ['😮', 'open_mouth'], ['😢', 'cry'], ['🔥', 'fire'], ['👀', 'eyes'],
] as const;

/** A stable 0..1 number from an id, so a parent's children agree on it without shared state. */
const hash01 = (id: unknown) => ((Number(id) * 2654435761) % 4294967296) / 4294967296;

export default defineConfig<Schema>({
  database: 'sqlite:chat.db',
  seed: 3,
  locale: 'en',

  // The sizes below are the seed's defaults; `--scenario busy` is a larger workspace.
  scenarios: {
    busy: { description: 'a larger workspace: 60 people, 200 channels', tables: { users: 60, channels: 200 } },
  },

  tables: {
    users: {
      rows: 20,
      columns: {
        auth0_id: ({ faker }) => `auth0|${faker.string.uuid()}`,
        email: ({ faker, index }) => faker.internet.email({ provider: 'example.com' }).replace('@', `.${index}@`).toLowerCase(),
        is_active: { values: { true: 9, false: 1 } },
        name: ({ faker }) => faker.person.fullName(),
        picture: ({ faker }) => faker.image.avatar(),
        bio: { generate: ({ faker }) => faker.lorem.sentence().slice(0, 200), nullRate: 0.3 },
      },
    },

    channels: {
      rows: 30,
      columns: {
        // 30 % DMs; a DM is always private, other channels are private 40 % of the time.
        is_dm: { values: { true: 30, false: 70 } },
        is_private: ({ row, random }) => row.is_dm === true || random() < 0.4,
        name: ({ row, faker, lookup }) => row.is_dm ? `${lookup.pick('users', { id: row.owner_id })?.name ?? 'someone'} DM` : `${faker.word.adjective()}-${faker.word.noun()}`,
        description: ({ row, faker }) => (row.is_dm ? null : faker.lorem.sentence()),
        // A join code only for private channels that are not DMs.
        join_code: ({ row, faker }) => (row.is_private && !row.is_dm ? faker.string.alphanumeric(8).toUpperCase() : null),
      },
    },

    user_channels: {
      // A DM has exactly 2 members; other channels 2 to 6.
      perParent: { channel_id: (channel) => (channel.is_dm ? 2 : [2, 6]) },
      columns: {
        // The first member of every channel is its owner; the others are distinct users after
        // the owner in a channel-specific rotation, so a (user, channel) pair never repeats.
        user_id: ({ group, lookup }) => {
          const owner = Number(group!.parent.owner_id);
          if (group!.index === 0) return owner;
          const users = lookup.rows('users');
          const at = users.findIndex((u) => u.id === owner);
          const spread = Math.max(1, users.length - group!.size + 1);
          const offset = 1 + Math.floor(hash01(group!.parent.id) * spread);
          return users[(at + offset + group!.index - 1) % users.length].id!;
        },
      },
    },

    messages: {
      // Messages need the memberships (the author is a member), so they come after them.
      after: ['user_channels'],
      perParent: { channel_id: [5, 20] },
      columns: {
        // Only members of the channel write in it.
        user_id: ({ row, lookup }) => lookup.pick('user_channels', { channel_id: row.channel_id })!.user_id!,
        // 20 % are replies to an earlier message of the same channel.
        parent_id: ({ row, lookup, random }) => {
          if (random() >= 0.2) return null;
          return lookup.pick('messages', { channel_id: row.channel_id })?.id ?? null;
        },
        // 60 % a sentence, 40 % a paragraph.
        content: ({ faker, random }) => (random() < 0.6 ? faker.lorem.sentence() : faker.lorem.paragraph()),
      },
    },

    reactions: {
      rows: REACTIONS.length,
      columns: {
        emoji: ({ index }) => REACTIONS[index % REACTIONS.length][0],
        name: ({ index }) => REACTIONS[index % REACTIONS.length][1],
      },
    },

    message_reactions: {
      // 40 % of messages get reactions, 1 to 3 each.
      perParent: { message_id: (message) => (hash01(message.id) < 0.4 ? [1, 3] : 0) },
    },
  },
});
