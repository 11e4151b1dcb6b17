-- Example: chat (seed 003). A Slack-like chat: users, channels (public, private, and direct
-- messages), memberships, threaded messages and emoji reactions. SQLite dialect.
-- The rules of the seed that are not constraints here (30 % DMs, a DM has exactly two members
-- including its owner, messages only from members, 20 % replies in the same channel) live in
-- seedbed.config.ts; test/example-chat.test.ts checks each one with SQL.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  auth0_id TEXT NOT NULL UNIQUE,          -- 'auth0|<uuid>'
  email TEXT NOT NULL UNIQUE,
  is_active BOOLEAN NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL,
  name TEXT NOT NULL,
  picture TEXT,                           -- avatar URL
  bio TEXT CHECK (length(bio) <= 200)
);

CREATE TABLE channels (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users (id),
  is_dm BOOLEAN NOT NULL DEFAULT 0,
  is_private BOOLEAN NOT NULL DEFAULT 0,
  name TEXT NOT NULL,                     -- "<owner name> DM" for direct messages
  description TEXT,
  join_code TEXT UNIQUE,                  -- only private, non-DM channels have one
  created_at DATETIME NOT NULL,
  CHECK (NOT is_dm OR (is_private AND description IS NULL)),
  CHECK (join_code IS NULL OR (is_private AND NOT is_dm))
);

CREATE TABLE user_channels (
  user_id INTEGER NOT NULL REFERENCES users (id),
  channel_id INTEGER NOT NULL REFERENCES channels (id),
  PRIMARY KEY (user_id, channel_id)
);
CREATE INDEX user_channels_channel ON user_channels (channel_id);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER NOT NULL REFERENCES channels (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  parent_id INTEGER REFERENCES messages (id),   -- a reply in a thread
  content TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL
);
CREATE INDEX messages_channel ON messages (channel_id);

CREATE TABLE reactions (
  id INTEGER PRIMARY KEY,
  emoji TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE message_reactions (
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages (id),
  reaction_id INTEGER NOT NULL REFERENCES reactions (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  created_at DATETIME NOT NULL,
  UNIQUE (message_id, reaction_id, user_id)     -- a user reacts once with the same emoji
);
