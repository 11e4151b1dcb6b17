import { BOOL, exact, flag, snake, type ColumnFacts, type Rule } from './kit.ts';

const underscoreEnds = (...words: string[]) => new RegExp(`_(${words.join('|')})$`);

// Booleans named like predicates. In a BOOLEAN column they are true/false; in an INTEGER one
// (SQLite, MySQL habits) 1/0. How often they are true follows the word: most things are active,
// few are deleted.

const RARE = /(deleted|archived|banned|blocked|locked|revoked|suspended|expired|disabled|hidden|flagged|anonymous|super_admin|sso_user|cancelled|canceled|failed|fraud|spam|muted|overdue|late|absent|dirty|stale|test|trial|urgent)/;
const COMMON = /(active|enabled|verified|confirmed|visible|available|valid|success|successful|approved|published|current|present|consent|accepted|paid|subscribed|opted_in|completed|sent|delivered|read|processed|synced|online|primary|mandatory|required|core)/;

function odds(f: ColumnFacts): number {
  const n = snake(f.column.name);
  if (RARE.test(n)) return 0.1;
  if (COMMON.test(n)) return 0.8;
  return 0.5;
}

const WORDS = [
  'active', 'activebool', 'enabled', 'disabled', 'verified', 'visible', 'hidden', 'published', 'deleted', 'archived', 'approved',
  'confirmed', 'locked', 'muted', 'pinned', 'featured', 'public', 'private', 'default', 'primary', 'revoked', 'banned', 'blocked',
  'anonymous', 'mandatory', 'resolved', 'flagged', 'starred', 'subscribed', 'excused', 'recurring', 'backed_up', 'backup_eligible',
  'success', 'successful', 'valid', 'available', 'online', 'current', 'optional', 'accepted', 'completed', 'paid', 'read', 'sent',
  'delivered', 'processed', 'synced', 'consent', 'opted_in', 'urgent', 'internal', 'external', 'official', 'draft', 'selected',
  'favorite', 'favourite', 'bookmarked', 'notified', 'refunded', 'suspended', 'expired', 'dirty', 'stale', 'required', 'present',
  'absent', 'trial', 'premium', 'verified_email', 'two_factor', 'mfa', 'otp', 'done', 'seen', 'open', 'closed', 'public_profile',
];

export const flagRules: Rule[] = [
  {
    id: 'flag.prefix',
    column: /^(is|has|can|should|allow|allows|enable|was|will|did|does|needs?|requires?|show|hide|use|uses|include|includes|send|auto|must|supports?|accepts?|wants?|may|skip|force|email_is|is_not)_/,
    kinds: BOOL,
    make: (f) => flag(f, odds(f)),
    doc: 'Predicate names (is_, has_, can_, should_, allow_ …): true/false, or 1/0 in an integer column; "deleted"-like words are rarely true, "active"-like ones mostly.',
    example: 'users.is_active BOOLEAN',
  },
  {
    id: 'flag.suffix',
    column: underscoreEnds(
      'enabled', 'disabled', 'verified', 'confirmed', 'required', 'allowed', 'active', 'flag', 'visible', 'completed', 'approved',
      'opt_in', 'opted_in', 'consent', 'accepted', 'checked', 'passed', 'eligible', 'needed', 'locked', 'deleted', 'supported',
      'optional', 'exists', 'only', 'bool', 'yn', 'implemented', 'resolved', 'published', 'archived', 'valid', 'succeeded',
    ),
    kinds: BOOL,
    make: (f) => flag(f, odds(f)),
    doc: 'State suffixes (email_verified, follow_up_required, sms_enabled, …): a flag, not the thing it is about.',
    example: 'users.email_verified BOOLEAN',
  },
  {
    id: 'flag.word',
    column: exact(...WORDS),
    kinds: BOOL,
    make: (f) => flag(f, odds(f)),
    doc: 'Bare state words (active, enabled, deleted, public, paid, …) in a boolean or integer column.',
    example: 'staff.active BOOLEAN',
  },
];
