import { pools as P } from '../pools.ts';
import { Rng } from '../prng.ts';
import {
  INT, JSONK, NUM, TEXT, base62, base64url, choice, dashSuffix, digits, ends, exact, gen, hex, int, logInt, maxLen, num, pick, plainSuffix, pool, snake, weighted,
  tablePrefix, uuid4, type ColumnFacts, type Rule,
} from './kit.ts';

// Codes and system values: text ids (UUIDs, provider ids), ISBNs, hex colours, semantic
// versions, hashes, tokens, one-time codes, locales, languages, environments, log levels, audit
// actions, event and entity names, AI models, settings, JSON documents, reference codes.

const AI_TABLES = /(gpt|ai_|_ai|llm|model|assistant|prompt|completion|openai|embedding|agent|chat_config|generation)/;
const LOG_TABLES = /(log|logs|audit|history|histories|activit|event|trail|changes?|journal)/;

function uuid(f: ColumnFacts) {
  const max = maxLen(f);
  const make = max >= 36 ? uuid4 : (r: Rng) => hex(r, Math.max(1, Math.min(32, max)));
  // A colliding id (a key a top-up's stream drew again) is another id of its shape, drawn from
  // the value and its count: a suffix ("…4a2c2") is no uuid, and longer than a hex column.
  return gen(make, (v, n) => make(new Rng(n, 'uuid', String(v))));
}

function externalId(f: ColumnFacts) {
  const n = snake(f.column.name);
  const max = maxLen(f);
  const cut = (s: string) => (s.length <= max ? s : s.slice(0, max));
  if (/google/.test(n)) return gen((r) => cut(`1${digits(r, 10)}${digits(r, 10)}`), plainSuffix);
  if (/auth0/.test(n)) return gen((r) => cut(`auth0|${hex(r, 24)}`), plainSuffix);
  if (/stripe/.test(n)) return gen((r) => cut(`${/sub/.test(n) ? 'sub' : /price/.test(n) ? 'price' : 'cus'}_${base62(r, 14)}`), plainSuffix);
  if (/microsoft|azure|okta|cognito|firebase/.test(n)) return uuid(f);
  return gen((r) => cut(String(r.int(100000, 99999999))), plainSuffix);
}

/** ISBN-13 with a valid check digit, hyphenated when the column has room (17 characters). */
function isbn13(r: Rng, hyphens: boolean): string {
  const group = String(r.int(0, 1));
  const pub = digits(r, 3);
  const title = digits(r, 5);
  const body = `978${group}${pub}${title}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (body.charCodeAt(i) - 48) * (i % 2 ? 3 : 1);
  const check = (10 - (sum % 10)) % 10;
  return hyphens ? `978-${group}-${pub}-${title}-${check}` : `${body}${check}`;
}
function isbn10(r: Rng): string {
  const body = digits(r, 9);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (body.charCodeAt(i) - 48) * (10 - i);
  const c = (11 - (sum % 11)) % 11;
  return body + (c === 10 ? 'X' : String(c));
}

function hexColor(f: ColumnFacts) {
  const max = maxLen(f);
  if (max >= 7) return gen((r) => '#' + hex(r, 6));
  if (max === 6) return gen((r) => hex(r, 6));
  return gen((r) => '#' + hex(r, Math.max(0, Math.min(3, max - 1))));
}

function hashHex(f: ColumnFacts) {
  const n = snake(f.column.name);
  const len = /md5|etag/.test(n) ? 32 : /sha1\b|sha1$/.test(n) ? 40 : /sha512/.test(n) ? 128 : 64;
  return gen((r) => hex(r, Math.min(len, maxLen(f))), plainSuffix);
}

function token(f: ColumnFacts) {
  const n = snake(f.column.name);
  const max = maxLen(f);
  if (/api_key|secret_key|access_key/.test(n)) return gen((r) => `sk_test_${base62(r, 32)}`.slice(0, max), plainSuffix);
  if (/^jwt$|access_token|id_token/.test(n) && max >= 120) {
    return gen((r) => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${base64url(r, 72)}.${base64url(r, 43)}`, plainSuffix);
  }
  return gen((r) => base64url(r, Math.max(1, Math.min(43, max))), plainSuffix);
}

function otp(f: ColumnFacts) {
  const n = snake(f.column.name);
  const len = /cvv|cvc/.test(n) ? 3 : /pin/.test(n) ? 4 : 6;
  if (f.column.kind !== 'text') return int(10 ** (len - 1), 10 ** len - 1);
  return gen((r) => digits(r, Math.min(len, maxLen(f))));
}

/** "SA-004213": table initials and digits, fitted to the column (the generic reference code). */
function reference(f: ColumnFacts) {
  const max = maxLen(f);
  const p = tablePrefix(f.table);
  const n = Math.max(1, Math.min(6, max - p.length - 1));
  if (max < 5) return gen((r) => digits(r, Math.max(1, Math.min(max, 6))), dashSuffix);
  return gen((r) => `${p}-${digits(r, n)}`, dashSuffix);
}

function jsonList(f: ColumnFacts) {
  const n = snake(f.column.name);
  const xs = /permission/.test(n) ? P.permissions : /scope/.test(n) ? P.scopes : /skill|interest|hobb/.test(n) ? P.skills
    : /muscle/.test(n) ? P.muscleGroups : /equipment/.test(n) ? P.equipment.slice(1) : /allerg/.test(n) ? P.allergies.slice(1)
      : /language/.test(n) ? ['en', 'fr', 'es', 'de', 'si', 'ta'] : /role/.test(n) ? P.userRoles : /feature/.test(n) ? ['Trailers', 'Commentaries', 'Deleted Scenes', 'Behind the Scenes'] : P.tags;
  return gen((r) => {
    const k = r.int(1, 3);
    let s = `["${pick(r, xs)}"`;
    for (let i = 1; i < k; i++) s += `,"${pick(r, xs)}"`;
    return s + ']';
  });
}

const SETTINGS_JSON = [
  '{"theme":"light","language":"en","notifications":{"email":true,"push":false}}',
  '{"theme":"dark","language":"en","notifications":{"email":true,"push":true}}',
  '{"theme":"system","language":"fr","notifications":{"email":false,"push":true}}',
  '{"theme":"dark","language":"es","timezone":"Europe/Madrid","compact":true}',
  '{"theme":"light","language":"si","timezone":"Asia/Colombo","compact":false}',
  '{"units":"metric","week_starts_on":"monday","reminders":true}',
];

export const codeRules: Rule[] = [
  // ── Table context ─────────────────────────────────────────────────────────────────────
  {
    id: 'ai.model.context',
    column: exact('model', 'model_name', 'model_id', 'engine', 'base_model', 'llm_model', 'ai_model', 'embedding_model', 'model_version'),
    table: AI_TABLES,
    kinds: TEXT,
    make: (f) => choice(f, P.aiModels),
    doc: 'Model names in AI/assistant tables: gpt-4o, claude-3-5-sonnet, llama-3.1-70b …',
    example: 'gpt_definitions.model_name TEXT',
  },
  {
    id: 'ai.provider.context',
    column: exact('provider', 'ai_provider', 'llm_provider', 'model_provider', 'vendor'),
    table: AI_TABLES,
    kinds: TEXT,
    make: (f) => choice(f, P.aiProviders),
    doc: 'Providers in AI tables: openai, anthropic, google, meta, mistral …',
    example: 'ai_models.provider TEXT',
  },
  {
    id: 'code.logLevel.context',
    column: exact('level', 'severity', 'log_level', 'level_name'),
    table: /(^|_)(logs?|log_entries|error_logs?|app_logs?|system_logs?|event_logs?)$/,
    kinds: TEXT,
    make: (f) => choice(f, [...new Set(P.logLevels)]),
    doc: '`level` in a log table: debug, info, warn, error.',
    example: 'system_logs.level TEXT',
  },
  {
    id: 'code.auditAction.context',
    column: exact('action', 'action_type', 'activity', 'operation', 'event_action', 'audit_action', 'op', 'verb', 'event'),
    table: LOG_TABLES,
    kinds: TEXT,
    make: (f) => choice(f, P.auditActions),
    doc: '`action` in an audit/log/history table: create, update, delete, login, export …',
    example: 'audit_log.action_type VARCHAR(20)',
  },
  // ── Identifiers ───────────────────────────────────────────────────────────────────────
  {
    id: 'code.externalId',
    column: /^(google|facebook|github|apple|microsoft|twitter|linkedin|auth0|okta|firebase|cognito|sso|stripe|stripe_customer|stripe_subscription|stripe_price|paypal_payer|slack|discord|provider_user|external_user|oauth)_(id|uid|user_id|sub)$/,
    kinds: TEXT,
    make: externalId,
    doc: 'Provider account ids: google 21 digits, auth0|<hex>, Stripe cus_…, Microsoft GUIDs.',
    example: 'users.google_id VARCHAR(64)',
  },
  {
    id: 'code.uuid',
    column: /(^|_)(id|uuid|guid|uid|key_id|external_id|public_id|correlation_id|request_id|trace_id|idempotency_key)$/,
    kinds: TEXT,
    make: uuid,
    doc: 'Text ids (a text primary key `id`, `*_id` columns that are not foreign keys, uuid/guid): UUID v4 strings (hex when the column is shorter).',
    example: 'users.id TEXT',
  },
  {
    id: 'code.isbn',
    column: /(^|_)(isbn|isbn13|isbn_13|isbn10|isbn_10)$/,
    kinds: TEXT,
    make: (f) => (/10$/.test(snake(f.column.name)) || maxLen(f) === 10 ? gen(isbn10) : gen((r) => isbn13(r, maxLen(f) >= 17))),
    doc: 'ISBNs with valid check digits: 978-0-123-45678-9 (ISBN-10 for isbn10 columns).',
    example: 'library_books.isbn VARCHAR(17)',
  },
  {
    id: 'code.hexColor',
    column: /(^|_)(colou?r|colou?r_code|colou?r_hex|hex|hex_colou?r|hex_code|primary_colou?r|secondary_colou?r|accent_colou?r|background_colou?r|bg_colou?r|text_colou?r|theme_colou?r|brand_colou?r|border_colou?r|highlight_colou?r|foreground_colou?r|label_colou?r|chart_colou?r)$/,
    kinds: TEXT,
    make: hexColor,
    doc: 'Hex colours #1a2b3c.',
    example: 'dashboard_themes.primary_color VARCHAR(7)',
  },
  {
    id: 'code.semver',
    column: /(^|_)(version|app_version|api_version|client_version|sdk_version|schema_version|build_version|software_version|firmware_version|os_version|release|release_version|version_name|version_number|semver|version_label|current_version|min_version|plugin_version)$/,
    kinds: TEXT,
    make: () => gen((r) => `${r.int(0, 4)}.${r.int(0, 20)}.${r.int(0, 30)}`),
    doc: 'Semantic versions 2.14.3.',
    example: 'app_releases.version VARCHAR(20)',
  },
  {
    id: 'code.versionInt',
    column: /(^|_)(version|revision|rev|version_number|schema_version|lock_version|version_no|iteration|attempt_number)$/,
    kinds: INT,
    make: () => int(1, 20),
    doc: 'Integer versions/revisions 1–20.',
    example: 'documents.version INTEGER',
  },
  {
    id: 'code.hash',
    column: /(^|_)(hash|hashed|checksum|sha|sha1|sha256|sha512|md5|digest|fingerprint|etag|content_hash|file_hash|integrity|signature_hash)$/,
    kinds: TEXT,
    make: hashHex,
    doc: 'Hex digests: SHA-256 (64), SHA-1 (40), MD5/ETag (32), cut to the column.',
    example: 'seeds.checksum VARCHAR(64)',
  },
  {
    id: 'code.token',
    column: /_token_(new|current|old|next)$|(^|_)(token|tokens|secret|api_key|api_secret|access_key|secret_key|private_key|public_key_text|client_secret|nonce|salt|otp_secret|hmac_key|auth_code|authorization_code|code_challenge|code_verifier|jwt|signature|session_key|state_token|webhook_secret|signing_secret|encryption_key|refresh_token_hmac_key|totp_secret)$/,
    kinds: TEXT,
    make: token,
    doc: 'Tokens and secrets: 43-character base64url strings (sk_test_… API keys, JWT-shaped access tokens).',
    example: 'users.confirmation_token VARCHAR(255)',
  },
  {
    id: 'code.otp',
    column: ends('otp', 'otp_code', 'verification_code', 'pin', 'pin_code', 'one_time_code', 'security_code', 'sms_code', 'two_factor_code', 'mfa_code', 'cvv', 'cvc', 'passcode', 'confirmation_pin'),
    kinds: [...TEXT, ...INT],
    make: otp,
    doc: 'One-time codes: 6 digits (PINs 4, CVV 3).',
    example: 'mfa_challenges.otp_code TEXT',
  },
  // ── Languages and systems ─────────────────────────────────────────────────────────────
  {
    id: 'code.locale',
    column: ends('locale', 'lang', 'language_code', 'lang_code', 'locale_code', 'ui_language', 'preferred_locale', 'default_locale', 'culture', 'ui_locale'),
    kinds: TEXT,
    make: (f) => choice(f, localesLike(f)),
    doc: 'Locales en, en-GB, fr-FR, si, ta … (en_US style when the column default is written so).',
    example: 'users.locale VARCHAR(10)',
  },
  {
    id: 'code.language',
    column: ends('language', 'preferred_language', 'native_language', 'first_language', 'mother_tongue', 'spoken_language', 'languages', 'language_name', 'primary_language', 'second_language', 'languages_spoken'),
    kinds: TEXT,
    make: (f) => (maxLen(f) <= 5 || localeDefault(f) ? choice(f, localesLike(f)) : pool(f, P.languageNames.slice(0, 40))),
    doc: 'Language names (English, French …), or codes when the column is ≤ 5 characters or its default is one (\'en_US\').',
    example: 'students.preferred_language TEXT',
  },
  {
    id: 'code.environment',
    column: ends('environment', 'env', 'deployment_env', 'deploy_env', 'runtime_env', 'deployment_environment'),
    kinds: TEXT,
    make: (f) => choice(f, P.environments),
    doc: 'production, staging, development, test.',
    example: 'deployments.environment TEXT',
  },
  {
    id: 'code.logLevel',
    column: ends('log_level', 'loglevel', 'level_name_log'),
    kinds: TEXT,
    make: (f) => choice(f, [...new Set(P.logLevels)]),
    doc: 'Log levels debug, info, warn, error.',
    example: 'settings.log_level TEXT',
  },
  {
    id: 'code.auditAction',
    column: exact('action', 'action_type', 'operation', 'audit_action', 'change_type', 'event_action', 'crud_action', 'op_type', 'activity_action'),
    kinds: TEXT,
    make: (f) => choice(f, P.auditActions),
    doc: 'Actions: create, update, delete, login, view, approve …',
    example: 'workflow_steps.action TEXT',
  },
  {
    id: 'code.eventName',
    column: exact('event', 'event_name', 'event_key', 'analytics_event', 'trigger', 'trigger_event', 'webhook_event', 'hook', 'event_code', 'tracking_event', 'trigger_type'),
    kinds: TEXT,
    make: (f) => pool(f, P.eventNames),
    doc: 'Event names user.signed_up, lesson.completed, payment.failed …',
    example: 'analytics_events.event_name TEXT',
  },
  {
    id: 'code.entityName',
    column: exact('table_name', 'entity', 'entity_type', 'entity_name', 'object_type', 'subject_type', 'target_type', 'record_type', 'source_table', 'related_type', 'relates_to', 'reference_type', 'ref_type', 'parent_type', 'owner_type', 'model_type_name', 'resource_name', 'target_table', 'auditable_type', 'commentable_type', 'taggable_type'),
    kinds: TEXT,
    make: (f) => choice(f, P.entityNames),
    doc: 'Entity/table names: users, students, lessons, payments … (polymorphic *_type columns).',
    example: 'audit_log.table_name VARCHAR(64)',
  },
  {
    id: 'ai.model',
    column: exact('model', 'model_name', 'ai_model', 'llm_model', 'engine', 'embedding_model', 'gpt_model', 'base_model', 'llm'),
    kinds: TEXT,
    make: (f) => choice(f, P.aiModels),
    doc: 'AI model names (elsewhere than vehicles: vehicles.model is a car model).',
    example: 'chat_sessions.model TEXT',
  },
  {
    id: 'ai.tokens',
    column: /^(tokens?_used|total_tokens(_used)?|token_count|prompt_tokens|completion_tokens|input_tokens|output_tokens|max_tokens|context_window|token_limit|monthly_token_limit|max_context_length|tokens_over_limit|tokens)$|_tokens$/,
    kinds: INT,
    make: (f) => logInt(f, 20, 60_000),
    doc: 'LLM token counts and limits (log-spread 20 … 60 000).',
    example: 'ai_usage.tokens_used INTEGER',
  },
  {
    id: 'code.settingKey',
    column: exact('key', 'setting_key', 'setting_name', 'config_key', 'preference_key', 'option_key', 'option_name', 'flag_key', 'feature_key', 'feature_flag', 'feature_name', 'param_name', 'parameter', 'parameter_name', 'attribute', 'attribute_name', 'property', 'property_name', 'field_name', 'metric_key', 'config_name', 'variable_name', 'name_key'),
    kinds: TEXT,
    make: (f) => pool(f, P.settingKeys),
    doc: 'Setting keys theme, notifications.email, session_timeout_minutes …',
    example: 'school_settings.setting_key VARCHAR(100)',
  },
  {
    id: 'code.settingValue',
    column: /(^|_)(value|value_text|string_value|raw_value)$/,
    kinds: TEXT,
    make: (f) => pool(f, P.settingValues),
    doc: 'Text values of settings: true, dark, en, UTC, 30 …',
    example: 'school_settings.setting_value TEXT',
  },
  {
    id: 'code.valueType',
    column: exact('value_type', 'data_type', 'datatype', 'field_type', 'setting_type', 'param_type', 'column_type', 'input_type'),
    kinds: TEXT,
    make: (f) => choice(f, ['string', 'integer', 'boolean', 'number', 'json', 'date']),
    doc: 'Data types: string, integer, boolean, number, json, date.',
    example: 'school_settings.value_type VARCHAR(10)',
  },
  {
    id: 'code.dateFormat',
    column: exact('date_format', 'time_format', 'datetime_format', 'number_format', 'clock_format'),
    kinds: TEXT,
    make: (f) => (/time|clock/.test(snake(f.column.name)) && !/date/.test(snake(f.column.name)) ? choice(f, ['24h', '12h']) : choice(f, ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY'])),
    doc: 'Display formats: YYYY-MM-DD, DD/MM/YYYY …; 12h/24h for time formats.',
    example: 'user_preferences.date_format VARCHAR(20)',
  },
  {
    id: 'code.theme',
    column: exact('theme', 'color_scheme', 'colour_scheme', 'ui_theme', 'theme_name', 'appearance', 'theme_mode', 'display_theme'),
    kinds: TEXT,
    make: (f) => choice(f, P.themes),
    doc: 'UI themes: light, dark, system, high-contrast …',
    example: 'user_preferences.theme VARCHAR(20)',
  },
  {
    id: 'code.font',
    column: exact('font', 'font_family', 'typeface', 'font_name', 'heading_font', 'body_font'),
    kinds: TEXT,
    make: (f) => choice(f, P.fontFamilies),
    doc: 'Font families: Inter, Roboto, Open Sans …',
    example: 'dashboard_themes.font_family VARCHAR(50)',
  },
  {
    id: 'code.fontSize',
    column: exact('font_size', 'text_size', 'base_font_size'),
    kinds: [...TEXT, ...NUM],
    make: (f) => (f.column.kind === 'text' ? choice(f, ['12px', '14px', '16px', '18px', 'small', 'medium', 'large']) : int(10, 24)),
    doc: 'Font sizes 10–24 (or "14px", small/medium/large as text).',
    example: 'user_preferences.font_size INTEGER',
  },
  {
    id: 'code.icon',
    column: exact('icon', 'icon_name', 'icon_class', 'badge_icon', 'menu_icon', 'icon_key'),
    kinds: TEXT,
    make: (f) => choice(f, P.icons),
    doc: 'Icon names: home, calendar, trophy, dumbbell …',
    example: 'achievements.icon_name TEXT',
  },
  {
    id: 'code.cron',
    column: exact('cron', 'cron_expression', 'cron_schedule', 'schedule_cron', 'schedule_expression', 'crontab'),
    kinds: TEXT,
    make: (f) => choice(f, ['0 9 * * 1', '*/15 * * * *', '0 0 * * *', '30 7 * * 1-5', '0 18 * * 5', '0 3 1 * *']),
    doc: 'Cron expressions "0 9 * * 1".',
    example: 'jobs.cron_expression TEXT',
  },
  {
    id: 'code.schedule',
    column: exact('schedule', 'schedule_text', 'meeting_schedule', 'maintenance_schedule', 'cleaning_schedule', 'inspection_schedule', 'availability', 'office_hours', 'opening_hours', 'class_schedule', 'training_schedule'),
    kinds: TEXT,
    make: (f) => pool(f, P.schedules),
    doc: 'Human schedules "Mon, Wed, Fri 08:00", "Weekends 10:00".',
    example: 'clubs.schedule TEXT',
  },
  {
    id: 'code.mimeEmoji',
    column: ends('emoji', 'emoticon', 'reaction_emoji', 'emoji_char', 'emoji_icon'),
    kinds: TEXT,
    make: (f) => choice(f, P.emojis),
    doc: 'Emoji characters.',
    example: 'reactions.emoji TEXT',
  },
  {
    id: 'code.authMethod',
    column: ends('authentication_method', 'auth_method', 'login_method', 'sign_in_method', 'signin_method', 'amr_method'),
    kinds: TEXT,
    make: (f) => choice(f, ['password', 'otp', 'oauth', 'magic_link', 'sso', 'totp']),
    doc: 'Authentication methods: password, otp, oauth, magic_link, sso, totp.',
    example: 'mfa_amr_claims.authentication_method TEXT',
  },
  {
    id: 'code.grantType',
    column: ends('grant_type', 'grant_types', 'token_endpoint_auth_method', 'response_types'),
    kinds: TEXT,
    make: (f) => (/auth_method/.test(f.column.name) ? choice(f, ['client_secret_basic', 'client_secret_post', 'none']) : choice(f, ['authorization_code', 'refresh_token', 'client_credentials', 'authorization_code refresh_token'])),
    doc: 'OAuth grant types (authorization_code, refresh_token …) and client auth methods.',
    example: 'oauth_clients.grant_types TEXT',
  },
  {
    id: 'code.audience',
    column: exact('aud', 'audience_claim', 'token_audience'),
    kinds: TEXT,
    make: (f) => choice(f, ['authenticated', 'api', 'web']),
    doc: 'Token audiences: authenticated, api, web (supabase auth.users.aud).',
    example: 'users.aud VARCHAR(255)',
  },
  {
    id: 'code.source',
    column: ends('source', 'source_type', 'origin', 'channel_source', 'acquisition_channel', 'referral_source', 'signup_source', 'lead_source', 'data_source', 'traffic_source'),
    kinds: TEXT,
    make: (f) => choice(f, ['web', 'mobile', 'api', 'import', 'email', 'manual', 'system']),
    doc: 'Sources/origins: web, mobile, api, import, email, manual, system.',
    example: 'analytics_events.source VARCHAR(100)',
  },
  {
    id: 'code.trigger',
    column: /_trigger$|^(trigger_type|trigger_source|triggered_by_type)$/,
    kinds: TEXT,
    make: (f) => choice(f, ['manual', 'scheduled', 'automatic', 'threshold', 'event']),
    doc: 'What triggered something: manual, scheduled, automatic, threshold, event.',
    example: 'planning_history.history_trigger VARCHAR(11)',
  },
  {
    id: 'code.outcome',
    column: ends('action_result', 'result', 'outcome_status', 'result_status', 'execution_result', 'run_result', 'check_result', 'test_result', 'sync_result'),
    kinds: TEXT,
    make: (f) => weighted(f, ['success', 'failure', 'partial', 'skipped'], 0.75),
    doc: 'Results of actions/runs: success (75 %), failure, partial, skipped.',
    example: 'optimization_events.action_result VARCHAR(20)',
  },
  {
    id: 'code.component',
    column: exact('component', 'module', 'subsystem', 'service', 'service_name', 'microservice', 'app_module', 'feature_area', 'logger', 'category_log'),
    kinds: TEXT,
    make: (f) => choice(f, ['auth', 'api', 'database', 'scheduler', 'payments', 'notifications', 'ui', 'search', 'reports', 'storage']),
    doc: 'System components: auth, api, database, scheduler, payments …',
    example: 'performance_logs.component VARCHAR(100)',
  },
  {
    id: 'code.uiPosition',
    column: ends('sidebar_position', 'layout_position', 'placement', 'alignment', 'align', 'dock', 'panel_position', 'toolbar_position', 'text_align', 'legend_position'),
    kinds: TEXT,
    make: (f) => choice(f, ['left', 'right', 'top', 'bottom', 'center']),
    doc: 'UI positions: left, right, top, bottom, center.',
    example: 'user_preferences.sidebar_position VARCHAR(10)',
  },
  {
    id: 'code.speed',
    column: exact('speed', 'pace', 'pitch', 'volume', 'playback_speed', 'voice_speed', 'speech_rate', 'scale', 'zoom', 'zoom_level'),
    kinds: NUM,
    make: (f) => (f.column.kind === 'integer' || f.column.kind === 'bigint' ? int(1, 10) : num(f, 0.5, 2, 2)),
    doc: 'Speeds, pitch, volume, scale: 0.5–2.0 (1–10 in integer columns).',
    example: 'voice_preferences.speed REAL',
  },
  {
    id: 'flag.text',
    column: /^(is|has|can|should|allow|enable)_[a-z_]+$|^(success|successful|active|enabled|verified|completed|approved|passed|valid|yes_no)$/,
    kinds: TEXT,
    make: (f) => (maxLen(f) === 1 ? choice(f, ['Y', 'N']) : choice(f, ['true', 'false'])),
    doc: 'Flags stored as text: "true"/"false" (Y/N in one character).',
    example: 'security_events.success VARCHAR(10)',
  },
  // ── JSON documents ────────────────────────────────────────────────────────────────────
  {
    id: 'json.list',
    column: /(^|_)(tags|keywords|labels|categories|topics|skills|interests|hobbies|aliases|roles|permissions|scopes|special_features|features|languages|equipment_needed|equipment|target_muscle_groups|muscle_groups|allergies|acceptable_client_ids|redirect_uris|grant_types|transports|custom_claims_allowlist)$/,
    kinds: JSONK,
    make: jsonList,
    doc: 'JSON arrays of labels fitting the name: ["beginner","outdoor"], ["users:read"], ["chest","core"] …',
    example: 'exercises.tags JSON',
  },
  {
    id: 'json.settings',
    column: /(^|_)(settings|preferences|config|configuration|options|custom_settings|user_preferences|notification_settings|prefs|theme_config|display_settings|privacy_settings)$/,
    kinds: JSONK,
    make: (f) => choice(f, SETTINGS_JSON),
    doc: 'JSON settings objects {"theme":"dark","language":"en",…}.',
    example: 'users.settings JSON',
  },
  {
    id: 'json.metadata',
    column: /(^|_)(metadata|meta_data|meta|extra|additional_data|attributes|properties|context|details|data|payload|raw_data|extra_data|custom_fields|identity_data|raw_app_meta_data|raw_user_meta_data|old_values|new_values|changes|diff)$|_(metadata|meta_data|data)$/,
    kinds: JSONK,
    make: () => gen((r) => `{"source":"${pick(r, ['web', 'ios', 'android', 'import', 'api'])}","version":${r.int(1, 5)},"tag":"${pick(r, P.tags)}","count":${r.int(0, 100)}}`),
    doc: 'JSON metadata objects {"source":"web","version":2,"tag":"featured","count":14}.',
    example: 'audit_log.old_values JSON',
  },
  // ── Generic reference codes (after every specific code) ───────────────────────────────
  {
    id: 'code.reference',
    column: /(^|_)(code|reference|ref|number|no|num|identifier|short_code|external_ref|reference_code|ref_code|slug_code|label_code)$/,
    kinds: TEXT,
    make: reference,
    doc: 'Other codes and numbers: table initials and digits "SD-004213", fitted to the column (VARCHAR(10) → "SD-004213").',
    example: 'staff_departments.code VARCHAR(10)',
  },
];

/** The locale code a column's DEFAULT holds ('en_US'::text → en_US), if it is one. */
function localeDefault(f: ColumnFacts): string | undefined {
  const m = /^'([a-z]{2,3}(?:[_-][A-Za-z]{2,4})?)'/.exec(f.column.default ?? '');
  return m?.[1];
}

/** Locale codes, written with `_` when the column's default is (en_US, pt_BR). */
function localesLike(f: ColumnFacts): readonly string[] {
  return localeDefault(f)?.includes('_') ? P.locales.map((l) => l.replace('-', '_')) : P.locales;
}
