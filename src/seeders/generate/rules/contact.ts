import { DEV_PASSWORD_BCRYPT, DEV_PASSWORD_SHA1, DEV_PASSWORD_SHA256, pools as P } from '../pools.ts';
import type { Rng } from '../prng.ts';
import {
  INT, NUM, TEXT, choice, digits, ends, exact, gen, hex, maxLen, pick, plainSuffix, pool, tables, type ColumnFacts, type Rule,
} from './kit.ts';
import { email, username } from './text.ts';

// Contact data and the internet: emails, phones, usernames, password hashes, URLs, avatars,
// IP addresses, user agents, devices, HTTP details.

/** "(415) 736-2950", "415-736-2950", "+1 415-736-2950": US-style numbers, fitted to the column. */
function phone(f: ColumnFacts) {
  const max = maxLen(f);
  const area = (r: Rng) => String(r.int(201, 989));
  const line = (r: Rng) => `${r.int(200, 989)}-${digits(r, 4)}`;
  if (max >= 15) {
    return gen((r) => {
      const x = r.float();
      return x < 0.5 ? `(${area(r)}) ${line(r)}` : x < 0.8 ? `${area(r)}-${line(r)}` : `+1 ${area(r)}-${line(r)}`;
    });
  }
  if (max >= 12) return gen((r) => `${area(r)}-${line(r)}`);
  if (max >= 10) return gen((r) => `${area(r)}${r.int(200, 989)}${digits(r, 4)}`);
  return gen((r) => digits(r, Math.max(1, max)));
}

const imageUrl = (dir: string, ext: string) => (f: ColumnFacts) => {
  const max = maxLen(f);
  if (max < 40) return gen((r) => `/${dir}/${hex(r, Math.max(4, Math.min(12, max - dir.length - ext.length - 3)))}.${ext}`);
  return gen((r) => `https://cdn.example.com/${dir}/${hex(r, 16)}.${ext}`);
};

function url(f: ColumnFacts) {
  const max = maxLen(f);
  return gen((r) => {
    const u = `https://${pick(r, P.webHosts)}/${pick(r, P.apiResources)}/${hex(r, 8)}`;
    return u.length <= max ? u : `https://example.com/${hex(r, Math.max(1, max - 20))}`.slice(0, max);
  });
}

function password(f: ColumnFacts) {
  const max = maxLen(f);
  if (max >= 60) return choice(f, DEV_PASSWORD_BCRYPT);
  if (max >= 40) return choice(f, [DEV_PASSWORD_SHA1]);
  return choice(f, [DEV_PASSWORD_SHA256.slice(0, max)]);
}

function ipv4(r: Rng): string {
  // Public-looking unicast addresses; skips 0.x, 10.x, 127.x and multicast.
  let a = r.int(11, 223);
  if (a === 127) a = 128;
  return `${a}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}

const REQUEST_TABLES = /(request|api|http|webhook|endpoint|route|access_log|call|hit|traffic|rate_limit)/;
const NOTIFY_TABLES = tables('notifications?', 'notification_\\w+', 'alerts?', 'reminders?', 'subscriptions?', 'notification_preferences?', 'preferences?');

export const contactRules: Rule[] = [
  {
    id: 'contact.email',
    column: /(^|_)e_?mail(_address|_addr|_id)?$|^(email_change|for_email|contact_email|work_email|personal_email|billing_email|recipient|recipient_email|sender_email|reply_to|cc|bcc)$/,
    kinds: TEXT,
    make: () => gen(email),
    doc: 'Email addresses first.last@example.com (reserved example/test domains only); a collision gets a number before the @.',
    example: 'users.email VARCHAR(255)',
  },
  {
    id: 'contact.emailList',
    column: exact('recipients', 'emails', 'email_list', 'cc_list', 'bcc_list', 'notify_emails', 'alert_recipients', 'notification_recipients'),
    kinds: TEXT,
    make: (f) => {
      const max = maxLen(f);
      const list = gen((r) => { let s = email(r); const n = r.int(0, 2); for (let i = 0; i < n; i++) { const e = email(r); if (s.length + 2 + e.length > max) break; s += ', ' + e; } return s.length <= max ? s : s.slice(0, max); });
      return { ...list, item: gen(email) };
    },
    doc: 'Lists of 1–3 email addresses, comma-separated (one address each in an array column).',
    example: 'safety_alerts.recipients TEXT',
  },
  {
    id: 'contact.username',
    column: exact('user_?name', 'login', 'login_name', 'handle', 'screen_name', 'nickname', 'nick', 'user_handle', 'account_name_login', 'gamertag'),
    kinds: TEXT,
    make: () => gen(username, plainSuffix),
    doc: 'Usernames from a first name: anna42, anna_smith, asmith, anna.smith7.',
    example: 'users.username VARCHAR(50)',
  },
  {
    id: 'contact.passwordHash',
    column: /(^|_)(password|passwd|pwd|pass)(_hash|_hashed|_digest|_crypt|_encrypted|_enc)?$|^(encrypted|hashed|crypted)_password$/,
    kinds: TEXT,
    make: password,
    doc: 'Password columns hold real bcrypt ($2b$, cost 10) hashes of the one dev password `seedbed-dev-password` (8 salts, precomputed; no hashing per row). Columns shorter than 60 get its SHA-1/SHA-256 hex.',
    example: 'users.password_hash TEXT',
  },
  {
    id: 'contact.phone',
    column: /(^|_)(phone|mobile|telephone|tel|cell|cellphone|cell_phone|whatsapp|landline|fax|contact_number|contact_no|msisdn)(_number|_no|_num)?$|^phone_change$/,
    kinds: TEXT,
    make: phone,
    doc: 'Phone numbers "(415) 736-2950", "415-736-2950" or "+1 415-736-2950", chosen to fit the column length.',
    example: 'students.phone VARCHAR(20)',
  },
  {
    id: 'contact.avatar',
    column: /(^|_)(avatar|profile_picture|profile_pic|profile_photo|profile_image|photo|picture|headshot|gravatar|selfie)(_url|_uri|_path|_link)?$/,
    kinds: TEXT,
    make: imageUrl('avatars', 'jpg'),
    doc: 'Avatar/photo URLs under https://cdn.example.com/avatars/ (a path when the column is short).',
    example: 'users.avatar_url TEXT',
  },
  {
    id: 'contact.image',
    column: /(^|_)(image|img|thumbnail|thumb|cover|cover_image|banner|logo|poster|background_image|hero_image|icon_url|image_path|screenshot)(_url|_uri|_path|_link)?$/,
    kinds: TEXT,
    make: imageUrl('images', 'png'),
    doc: 'Image URLs (image, thumbnail, logo, banner …) under https://cdn.example.com/images/.',
    example: 'products.image_url TEXT',
  },
  {
    id: 'contact.video',
    column: /(^|_)(video|video_url|media_url|stream_url|recording_url|video_link|demo_video)$/,
    kinds: TEXT,
    make: imageUrl('videos', 'mp4'),
    doc: 'Video URLs under https://cdn.example.com/videos/.',
    example: 'exercises.video_url TEXT',
  },
  {
    id: 'contact.url',
    column: /(^|_)(url|uri|uris|website|web_site|homepage|home_page|link|href|permalink|site_url|web)$|^(redirect_to|callback|referrer|referer|return_to|issuer|jwks_uri)$/,
    kinds: TEXT,
    make: url,
    doc: 'Other URLs: https://www.example.com/<resource>/<id> (reserved example domains).',
    example: 'companies.website TEXT',
  },
  {
    id: 'contact.domain',
    column: ends('domain', 'hostname', 'host', 'domain_name', 'subdomain', 'fqdn'),
    kinds: TEXT,
    make: (f) => pool(f, P.webHosts),
    doc: 'Host names under the reserved example domains.',
    example: 'sso_domains.domain TEXT',
  },
  {
    id: 'contact.ip',
    column: /(^|_)(ip|ip_address|ip_addr|ipv4|client_ip|remote_ip|remote_addr|source_ip|origin_ip|last_ip|login_ip|sign_in_ip)$/,
    kinds: TEXT,
    make: () => gen(ipv4),
    doc: 'IPv4 addresses (public-looking unicast).',
    example: 'sessions.ip_address VARCHAR(45)',
  },
  {
    id: 'contact.ipv6',
    column: ends('ipv6', 'ipv6_address', 'ip6'),
    kinds: TEXT,
    make: () => gen((r) => `2001:db8:${hex(r, 4)}:${hex(r, 4)}::${hex(r, 4)}`),
    doc: 'IPv6 addresses in the documentation range 2001:db8::/32.',
    example: 'devices.ipv6_address TEXT',
  },
  {
    id: 'contact.mac',
    column: ends('mac', 'mac_address', 'mac_addr', 'hardware_address'),
    kinds: TEXT,
    make: () => gen((r) => { const h = hex(r, 12); return `${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}:${h.slice(8, 10)}:${h.slice(10, 12)}`; }),
    doc: 'MAC addresses aa:bb:cc:dd:ee:ff.',
    example: 'devices.mac_address TEXT',
  },
  {
    id: 'contact.userAgent',
    column: /(^|_)(user_?agent|ua|browser_user_agent|client_user_agent)$/,
    kinds: TEXT,
    make: (f) => choice(f, P.userAgents),
    doc: 'Real browser User-Agent strings (Chrome, Firefox, Safari, Edge on desktop and mobile).',
    example: 'sessions.user_agent TEXT',
  },
  {
    id: 'contact.browser',
    column: ends('browser', 'browser_name', 'client_browser'),
    kinds: TEXT,
    make: (f) => choice(f, P.browsers),
    doc: 'Browser names.',
    example: 'sessions.browser TEXT',
  },
  {
    id: 'contact.os',
    column: ends('os', 'operating_system', 'os_name', 'os_version_name'),
    kinds: TEXT,
    make: (f) => choice(f, P.operatingSystems),
    doc: 'Operating systems (Windows 11, macOS 14, iOS 17, Android 14 …).',
    example: 'devices.os TEXT',
  },
  {
    id: 'contact.platform',
    column: exact('platform', 'client_platform', 'app_platform', 'client_type', 'source_platform'),
    kinds: TEXT,
    make: (f) => choice(f, P.platforms),
    doc: 'Client platforms: web, ios, android, desktop.',
    example: 'sessions.platform TEXT',
  },
  {
    id: 'contact.deviceType',
    column: exact('device_type', 'device_category', 'form_factor'),
    kinds: TEXT,
    make: (f) => choice(f, P.deviceTypes),
    doc: 'desktop / mobile / tablet.',
    example: 'sessions.device_type TEXT',
  },
  {
    id: 'contact.deviceName',
    column: exact('device', 'device_name', 'device_model', 'device_info', 'hardware', 'device_label'),
    kinds: TEXT,
    make: (f) => pool(f, P.deviceNames),
    doc: 'Device names (iPhone 15, Pixel 8, MacBook Pro …).',
    example: 'sessions.device_name TEXT',
  },
  {
    id: 'contact.oauthProvider',
    column: exact('provider', 'auth_provider', 'oauth_provider', 'identity_provider', 'login_provider', 'sso_provider', 'social_provider', 'provider_type', 'idp'),
    kinds: TEXT,
    make: (f) => choice(f, P.oauthProviders),
    doc: 'Sign-in providers: google, github, microsoft, apple, facebook, email.',
    example: 'identities.provider TEXT',
  },
  {
    id: 'contact.socialHandle',
    column: /^(twitter|instagram|tiktok|github|facebook|x|threads|mastodon|snapchat|youtube)(_handle|_username|_user|_name)?$/,
    kinds: TEXT,
    make: () => gen((r) => `@${username(r)}`, plainSuffix),
    doc: 'Social media handles @anna_smith.',
    example: 'profiles.twitter_handle TEXT',
  },
  {
    id: 'contact.httpMethod',
    column: /^(http_method|request_method|http_verb)$/,
    kinds: TEXT,
    make: (f) => choice(f, [...new Set(P.httpMethods)]),
    doc: 'HTTP methods (GET, POST, PUT, PATCH, DELETE).',
    example: 'api_requests.http_method TEXT',
  },
  {
    id: 'contact.httpMethod.context',
    column: exact('method', 'verb'),
    table: REQUEST_TABLES,
    kinds: TEXT,
    make: (f) => choice(f, [...new Set(P.httpMethods)]),
    doc: '`method` in a request/API/log table is an HTTP method.',
    example: 'api_requests.method TEXT',
  },
  {
    id: 'contact.httpStatus',
    column: exact('status_code', 'http_status', 'http_status_code', 'response_code', 'response_status', 'status_code_int', 'http_code'),
    kinds: NUM,
    make: () => gen((r) => pick(r, P.commonHttpStatusCodes)),
    doc: 'Integer status codes are HTTP statuses (mostly 200, some 201/204/3xx/4xx/5xx).',
    example: 'api_requests.status_code INTEGER',
  },
  {
    id: 'contact.httpStatus.context',
    column: exact('status', 'code'),
    table: REQUEST_TABLES,
    kinds: INT,
    make: () => gen((r) => pick(r, P.commonHttpStatusCodes)),
    doc: 'An integer `status` in a request/API/log table is an HTTP status.',
    example: 'api_requests.status INTEGER',
  },
  {
    id: 'contact.endpoint',
    column: ends('endpoint', 'route', 'api_path', 'request_path', 'request_url', 'path_template', 'api_endpoint', 'url_path'),
    kinds: TEXT,
    make: (f) => {
      const max = maxLen(f);
      return gen((r) => { const p = `/api/v1/${pick(r, P.apiResources)}${r.float() < 0.5 ? `/${r.int(1, 9999)}` : ''}`; return p.length <= max ? p : p.slice(0, max); });
    },
    doc: 'API paths /api/v1/<resource>[/<id>].',
    example: 'api_requests.endpoint TEXT',
  },
  {
    id: 'contact.port',
    column: ends('port', 'port_number', 'smtp_port', 'db_port'),
    kinds: INT,
    make: () => gen((r) => (r.float() < 0.5 ? pick(r, [80, 443, 5432, 3306, 6379, 8080, 3000, 25, 587]) : r.int(1024, 65535))),
    doc: 'Network ports (well-known ones half of the time).',
    example: 'servers.port INTEGER',
  },
  {
    id: 'contact.channel',
    column: exact('channel', 'delivery_channel', 'notification_channel', 'contact_method', 'preferred_contact', 'preferred_contact_method', 'communication_channel', 'alert_channel', 'delivery_method_notification'),
    kinds: TEXT,
    make: (f) => choice(f, ['email', 'sms', 'push', 'in_app']),
    doc: 'Notification channels: email, sms, push, in_app.',
    example: 'notifications.channel TEXT',
  },
  {
    id: 'contact.notificationType.context',
    column: exact('type', 'notification_type', 'kind'),
    table: NOTIFY_TABLES,
    kinds: TEXT,
    make: (f) => choice(f, ['reminder', 'alert', 'message', 'announcement', 'system', 'marketing']),
    doc: '`type` of a notification: reminder, alert, message, announcement, …',
    example: 'notifications.type TEXT',
  },
];

