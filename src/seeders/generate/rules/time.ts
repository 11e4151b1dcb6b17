import { pools as P } from '../pools.ts';
import type { Rng } from '../prng.ts';
import {
  DAY, EPOCH_END, EPOCH_START, INT, NUM, REFERENCE_DATE, TEXT, choice, clockText, ends, exact, fitted, gen, int, logInt, maxLen, num, snake,
  when, type ColumnFacts, type Rule,
} from './kit.ts';

// Time: created/updated/deleted, started/ended, due, expiry, scheduled, last-seen timestamps,
// plain dates, clock times, years, months, weekdays and durations. Every instant falls in the
// fixed window EPOCH_START..EPOCH_END (2021–2025) or a fixed offset from it — never the wall
// clock — so the same seed gives the same bytes on any day. Column kinds decide the format:
// DATE → 'YYYY-MM-DD', timestamps → 'YYYY-MM-DD HH:MM:SS', INTEGER → epoch seconds,
// BIGINT → epoch milliseconds; text columns by their name (`*_date`, `*_on` → a date).

const SUFFIX = '(_at|_on|_date|_time|_datetime|_timestamp|_ts)';
/** Participles may stand alone (`completed`); nouns need a time suffix (`rental_date`, not `rental`). */
const named = (bare: string[], suffixed: string[]) =>
  new RegExp(`^(${bare.join('|')})${SUFFIX}?$|^(${suffixed.join('|')})${SUFFIX}$`);
/** Text, DATE and TIMESTAMP columns; integer epochs are handled by `time.epoch` (name must say time). */
const WHEN_TEXT = ['datetime', 'date', 'text'] as const;

const RECENT = EPOCH_END - 180 * DAY;
const FUTURE = REFERENCE_DATE + 540 * DAY;

/** Clock times in business hours, on quarter hours: "08:45:00". */
function clock(f: ColumnFacts) {
  const n = snake(f.column.name);
  const [from, to] = /end|out|finish|close|return|departure|to$/.test(n) ? [11, 20] : [6, 16];
  return gen((r) => clockText(r.int(from * 4, to * 4) * 900));
}

function duration(f: ColumnFacts) {
  const n = snake(f.column.name);
  if (/(_ms|millis|milliseconds)$/.test(n)) return logInt(f, 5, 5_000);
  if (/(seconds|secs|_sec|_s)$/.test(n)) return logInt(f, 5, 3_600);
  if (/(hours|hrs|_hr|_h)$/.test(n)) return num(f, 0.5, 40, 1);
  if (/days$/.test(n)) return int(1, 90);
  if (/weeks$/.test(n)) return int(1, 16);
  if (/months$/.test(n)) return int(1, 24);
  return int(5, 120);
}

/** Timestamps of exceptions (a ban, a deletion): most real rows have none. */
const EXCEPTION_NULL_RATE = 0.9;
const BAN = /^(banned|lockout|locked|suspended|blocked)_until/;

export const timeRules: Rule[] = [
  {
    id: 'time.clock',
    column: /(^|_)(time|clock|time_of_day|time_in|time_out|check_in_time|check_out_time|exit_time|return_time|start_time|end_time|arrival_time|departure_time|meeting_time|class_time|slot_time|opening_time|closing_time|quiet_hours_start|quiet_hours_end|reminder_time|preferred_time|bedtime|wake_time)$|^time_(in|out)$/,
    kinds: ['time', 'text'],
    make: clock,
    doc: 'Clock times in TIME and text columns (start_time, time_in, exit_time, …): "08:45:00" on quarter hours, 06:00–16:00 for starts, 11:00–20:00 for ends.',
    example: 'timetable.start_time TEXT',
  },
  {
    id: 'time.ofDay',
    column: /./,
    kinds: ['time'],
    make: clock,
    doc: 'Any other TIME column: a clock time in the day.',
    example: 'shifts.begins TIME',
  },
  {
    id: 'time.expires',
    column: /^(expires|expiry|expiration|expire|valid_until|valid_to|valid_thru|not_after|banned_until|lockout_until|locked_until|suspended_until|blocked_until|trial_ends|trial_end|access_until|renewal|renews|renewal_due|subscription_end|membership_end)(_at|_on|_date|_time|_datetime)?$|_(expires|expiry|expiration|expire)(_at|_on|_date|_time)?$|_(until|expiry_date|expiration_date|expires_at)$/,
    kinds: WHEN_TEXT,
    // A ban or lock-out is the exception: most rows have none (NULL where the column allows).
    make: (f) => (BAN.test(snake(f.column.name)) ? { ...when(f, REFERENCE_DATE - 90 * DAY, FUTURE), nullRate: EXCEPTION_NULL_RATE } : when(f, REFERENCE_DATE - 90 * DAY, FUTURE)),
    doc: 'Expiry and "until" instants: from 90 days before to 18 months after the reference date (mostly in the future); banned_until / locked_until … NULL in 90 % of rows where allowed.',
    example: 'sessions.expires_at DATETIME',
  },
  {
    id: 'time.scheduled',
    column: /^(next|scheduled|upcoming|planned|target|follow_up|reminder|remind|due|deadline|due_by|publish|go_live|launch)(_[a-z0-9]+)*(_at|_on|_date|_time|_for|_by)$|_(deadline|due_date|due_at|due_on|target_date|scheduled_at|scheduled_for|scheduled_date|follow_up_date|next_run|next_due)$|^(deadline|registration_deadline|submission_deadline|due|due_by)$|^(next|scheduled|upcoming|planned)_[a-z_]+$(?<!_(count|steps|step|id|level|number|value|amount|action|actions))/,
    kinds: WHEN_TEXT,
    make: (f) => when(f, EPOCH_START + 60 * DAY, FUTURE),
    doc: 'Due dates, deadlines, next/scheduled/target instants: later in the window, up to 18 months ahead.',
    example: 'student_fees.due_date DATE',
  },
  {
    id: 'time.start',
    column: named(
      ['start', 'starts', 'started', 'began', 'valid_from', 'effective_from', 'opened', 'checked_in', 'enrolled', 'admitted', 'joined', 'hired', 'date_of_joining', 'date_of_hire', 'commenced', 'window_start', 'period_start', 'term_start', 'issued', 'allocated', 'borrowed', 'rented', 'booked', 'reserved', 'applied', 'onboarded', 'activated', 'contract_start', 'membership_start', 'subscription_start', 'trial_start', 'purchased', 'acquired', 'installed', 'date_of_admission', 'date_of_enrollment'],
      ['begin', 'begins', 'from', 'effective', 'opens', 'check_in', 'enrollment', 'enrolment', 'admission', 'join', 'joining', 'hire', 'commencement', 'kickoff', 'start_of', 'issue', 'allocation', 'checkout', 'rental', 'booking', 'application', 'signed', 'purchase', 'acquisition', 'installation', 'allocation', 'loan', 'registration_start', 'leave_start', 'event_start', 'session_start', 'class_start'],
    ),
    kinds: WHEN_TEXT,
    make: (f) => when(f, EPOCH_START, EPOCH_END - 30 * DAY),
    doc: 'Start-like instants (start_date, joined_at, hired_on, enrolled_at, issue_date, …) in the window, leaving room for an end after them.',
    example: 'staff_leaves.start_date DATE',
  },
  {
    id: 'time.end',
    column: named(
      ['end', 'ends', 'ended', 'finished', 'completed', 'closed', 'valid_to', 'effective_to', 'checked_out', 'date_of_leaving', 'left_on', 'graduated', 'terminated', 'resolved', 'returned', 'withdrawn', 'window_end', 'period_end', 'term_end', 'achieved', 'accomplished', 'settled', 'fulfilled', 'shipped', 'discharged', 'released', 'retired', 'contract_end', 'dissolved', 'expected_return', 'actual_return'],
      ['finish', 'complete', 'completion', 'close', 'until', 'to', 'check_out', 'left', 'leaving', 'graduation', 'termination', 'return', 'withdrawal', 'end_of', 'exit', 'departure', 'retirement', 'leave_end', 'event_end', 'session_end', 'class_end', 'resolution'],
    ),
    kinds: WHEN_TEXT,
    make: (f) => when(f, EPOCH_START + 30 * DAY, EPOCH_END),
    doc: 'End-like instants (end_date, completed_at, returned_on, left_on, …) in the window.',
    example: 'staff_leaves.end_date DATE',
  },
  {
    id: 'time.lastSeen',
    column: /^last_(login|seen|active|activity|accessed|access|used|sign_in|signin|signed_in|logged_in|visit|visited|sync|synced|checked|check|run|ran|refresh|refreshed|success|failure|error|retry|reviewed|review|assessment|assessment_date|maintenance|maintenance_date|audit|audit_at|drill|drill_date|progress_update|contacted|message|ping|heartbeat|challenged|viewed|opened|played|read|validated|backup|checkup|checkup_date|evaluation|login_attempt)(_at|_on|_date|_time|_datetime|_success_time|_failure_time)?$|^last_[a-z_]+_(at|on|date|time)$|^(refreshed|pinged|heartbeat)(_at)?$/,
    kinds: WHEN_TEXT,
    make: (f) => when(f, RECENT, EPOCH_END),
    doc: 'last_* instants (last_login_at, last_seen, last_used, last_checkup_date …): the last 180 days of the window.',
    example: 'users.last_login_at DATETIME',
  },
  {
    id: 'time.updated',
    column: named(['updated', 'modified', 'changed', 'edited', 'last_update', 'last_updated', 'last_modified', 'last_changed', 'date_modified', 'date_updated', 'revised', 'amended', 'mtime'], ['update', 'modification', 'revision']),
    kinds: WHEN_TEXT,
    make: (f) => when(f, EPOCH_START + 90 * DAY, EPOCH_END),
    doc: 'updated_at / modified / last_update: the later part of the window (created_at <= updated_at is made coherent per row elsewhere).',
    example: 'users.updated_at DATETIME',
  },
  {
    id: 'time.deleted',
    column: named(['deleted', 'archived', 'removed', 'revoked', 'cancelled', 'canceled', 'suspended', 'banned', 'disabled', 'deactivated', 'blocked', 'rejected', 'voided', 'trashed', 'purged', 'unsubscribed', 'declined', 'refunded', 'failed', 'expired'], ['scheduled_deletion', 'deletion', 'cancellation', 'archival', 'revocation', 'rejection', 'refund', 'failure']),
    kinds: WHEN_TEXT,
    // Most rows were never deleted or cancelled: NULL where allowed, unless a status or flag of
    // the row decides (generate/story.ts).
    make: (f) => ({ ...when(f, EPOCH_START + 180 * DAY, EPOCH_END), nullRate: EXCEPTION_NULL_RATE }),
    doc: 'deleted_at / archived_at / revoked_at / cancelled_at …: the later part of the window; NULL in 90 % of rows where allowed (a status or flag of the row decides where it has one).',
    example: 'users.deleted_at DATETIME',
  },
  {
    id: 'time.created',
    column: /^[a-z0-9]+_(created|inserted|added|registered|submitted|requested|recorded|logged|captured|generated|reported|detected|occurred|received|imported|uploaded|posted|sent|read|seen|delivered|opened|clicked|paid|published|verified|confirmed|approved|accepted|invited|granted|shared|viewed|marked|assessed|evaluated|performed|processed|attempted|responded|answered|notified|acknowledged|calculated|computed|measured|observed|diagnosed|tested|inspected|checked|audited|validated|collected|entered|noted|filed|lodged|raised|changed|consented|authenticated)(_at|_on|_date|_time|_datetime|_timestamp|_ts)$|^(created|creation|inserted|added|date_created|date_added|registered|registration|signup|signed_up|submitted|requested|recorded|logged|captured|generated|reported|detected|occurred|received|imported|uploaded|posted|sent|read|seen|delivered|opened|clicked|paid|published|verified|confirmed|approved|accepted|invited|granted|shared|viewed|marked|assessed|evaluated|performed|processed|attempted|responded|answered|notified|acknowledged|calculated|computed|measured|observed|diagnosed|tested|inspected|checked|audited|validated|collected|entered|noted|filed|lodged|raised|opened_at|authenticated|consented|enabled|email_confirmed|phone_confirmed|confirmation_sent|recovery_sent|email_change_sent|phone_change_sent|reauthentication_sent|invited_sent|signed_in|logged_in|applied_on|date_registered)(_at|_on|_date|_time|_datetime|_timestamp|_ts)?$|^(created|inserted|timestamp|ts|datetime|date_time|occurred|event_time|event_date|log_time|recorded_on)$/,
    kinds: WHEN_TEXT,
    make: (f) => when(f, EPOCH_START, EPOCH_END),
    doc: 'created_at and other past events (sent_at, read_at, paid_at, verified_at, email_confirmed_at, phone_verified_at …): anywhere in 2021–2025.',
    example: 'users.created_at DATETIME',
  },
  {
    id: 'time.date',
    column: /(^|_)(date|datetime|timestamp)$|_at$|ed_on$|^(date|dated)_|_date_/,
    kinds: WHEN_TEXT,
    make: (f) => when(f, EPOCH_START, EPOCH_END),
    doc: 'Any other *_date, *_at, *_on, date, timestamp column: an instant in the window 2021–2025.',
    example: 'student_attendance.date DATE',
  },
  {
    id: 'time.epoch',
    // Also run-together names PHP apps use: user_regdate, dateline, post_time's posttime, lastvisit.
    // Desktop and mobile apps' names too: Chrome's date_created / expires_utc, Firefox's lastUsed /
    // expiry, Android's sms.date.
    column: /(_at|_on|_date|_time|_datetime|_timestamp|_ts|_epoch|_mtime|_utc)$|^(timestamp|ts|epoch|unix_time|created|updated|modified|[mca]time|expiry|expires|date|datetime)$|[a-z](?<!candi|man|vali|liqui)date$|dateline$|(file|post|edit|login|visit|save|mark|send|sent|start|end|expire|reg)time$|(first|last)_?(visit|visited|activity|login|seen|used|accessed|modified|updated|played|synced|checked|filled)$|^date_(?!format|type|mode|kind|style|range|precision|source|field|order)[a-z]+(_[a-z]+)*$/,
    kinds: INT,
    make: (f) => {
      const n = snake(f.column.name);
      if (/expir|until|valid_to|not_after/.test(n)) return when(f, REFERENCE_DATE - 90 * DAY, FUTURE);
      if (/^(next|scheduled|due)|deadline/.test(n)) return when(f, EPOCH_START + 60 * DAY, FUTURE);
      if (/^last_/.test(n)) return when(f, RECENT, EPOCH_END);
      return when(f, EPOCH_START, EPOCH_END);
    },
    doc: 'Integer timestamps (a time suffix: *_at, *_date, *_ts, *_utc …, date_*, first/last_used/accessed/modified…, expiry, mtime/ctime/atime, run-together regdate/dateline/lastvisit): Unix epoch seconds, or milliseconds in BIGINT columns; expiry/next/last ranges as for text.',
    example: 'events.created_at INTEGER',
  },
  {
    id: 'time.epochFloat',
    // Not `_time`: a REAL `response_time` is a duration.
    column: /(_at|_ts|_timestamp|_epoch)$|^(timestamp|ts|epoch|unix_time)$/,
    kinds: ['real'],
    make: (f) => (/^last_/.test(snake(f.column.name)) ? when(f, RECENT, EPOCH_END) : when(f, EPOCH_START, EPOCH_END)),
    doc: 'Floating-point timestamps (*_ts, *_at, *_timestamp REAL/DOUBLE): Unix epoch seconds with milliseconds.',
    example: 'states.last_updated_ts FLOAT',
  },
  {
    id: 'time.anyDate',
    column: /./,
    kinds: ['date', 'datetime'],
    make: (f) => when(f, EPOCH_START, EPOCH_END),
    doc: 'Any other DATE/TIMESTAMP column: an instant in the window.',
    example: 'bookings.slot DATETIME',
  },
  {
    id: 'time.year',
    column: /(^|_)(year|yr|fiscal_year|financial_year|season|season_year|exam_year|academic_year|school_year|intake_year|batch_year|cohort|cohort_year|class_of|graduation_year|year_of_study|admission_year|enrollment_year|budget_year|tax_year|model_year)$/,
    kinds: INT,
    make: (f) => (/graduation|class_of/.test(snake(f.column.name)) ? int(2015, 2030) : int(2015, 2026)),
    doc: 'Years 2015–2026 (graduation years up to 2030).',
    example: 'al_exams.exam_year INTEGER',
  },
  {
    id: 'time.pastYear',
    column: /(^|_)(year_obtained|year_completed|year_awarded|year_founded|founded|founded_year|year_established|established|established_year|built|year_built|since|member_since|year_started|year_joined|year_of_passing|passing_year|year_graduated)$/,
    kinds: INT,
    make: () => int(1975, 2025),
    doc: 'Years something happened in the past (year_obtained, founded, year_built …): 1975–2025.',
    example: 'staff_qualifications.year_obtained INTEGER',
  },
  {
    id: 'time.yearText',
    column: exact('year', 'fiscal_year', 'financial_year', 'season', 'cohort', 'batch', 'intake'),
    kinds: TEXT,
    make: (f) => (maxLen(f) >= 9 && /fiscal|financial|season/.test(snake(f.column.name)) ? gen((r) => { const y = r.int(2015, 2025); return `${y}/${y + 1}`; }) : fitted((r) => String(r.int(2015, 2026)))(f)),
    doc: 'Years as text "2024" (fiscal/season "2024/2025").',
    example: 'reports.year TEXT',
  },
  {
    id: 'time.month',
    column: ends('month', 'month_number', 'month_no', 'payment_month', 'billing_month', 'salary_month', 'birth_month', 'month_of_year'),
    kinds: INT,
    make: () => int(1, 12),
    doc: 'Months 1–12.',
    example: 'salary_payments.payment_month INTEGER',
  },
  {
    id: 'time.monthName',
    column: ends('month', 'month_name', 'billing_month', 'payment_month'),
    kinds: TEXT,
    make: (f) => (maxLen(f) <= 3 ? choice(f, P.months.map((m) => m.slice(0, 3))) : maxLen(f) === 7 ? gen((r: Rng) => `${r.int(2021, 2025)}-${String(r.int(1, 12)).padStart(2, '0')}`) : choice(f, P.months)),
    doc: 'Month names (January …, Jan … in 3 characters).',
    example: 'reports.month TEXT',
  },
  {
    id: 'time.weekday',
    column: ends('day_of_week', 'weekday', 'day_name', 'dow', 'week_day', 'meeting_day', 'class_day', 'training_day', 'day', 'preferred_day', 'week_starts_on'),
    kinds: TEXT,
    make: (f) => (maxLen(f) <= 3 ? choice(f, P.weekdays.map((d) => d.slice(0, 3))) : choice(f, P.weekdays.slice(0, /week_starts/.test(snake(f.column.name)) ? 7 : 5))),
    doc: 'Weekdays Monday–Friday (Mon … in 3 characters).',
    example: 'timetable.day_of_week VARCHAR(10)',
  },
  {
    id: 'time.weekday.int',
    column: ends('day_of_week', 'weekday', 'dow', 'week_day', 'iso_weekday', 'day_number'),
    kinds: INT,
    make: () => int(1, 5),
    doc: 'Weekdays as numbers 1–5 (Monday–Friday).',
    example: 'class_templates.day_of_week INTEGER',
  },
  {
    id: 'time.dayOfMonth',
    column: ends('day_of_month', 'billing_day', 'payment_day', 'due_day', 'pay_day', 'birth_day_of_month'),
    kinds: INT,
    make: () => int(1, 28),
    doc: 'Days of the month 1–28.',
    example: 'subscriptions.billing_day INTEGER',
  },
  {
    id: 'time.weekNumber',
    column: /^(week|week_number|week_no|week_of_year|iso_week|week_of|school_week|training_week|program_week)$/,
    kinds: INT,
    make: () => int(1, 52),
    doc: 'Week numbers 1–52.',
    example: 'progress_reports.week_number INTEGER',
  },
  {
    id: 'time.hour',
    column: ends('hour', 'hour_of_day', 'start_hour', 'end_hour', 'preferred_hour'),
    kinds: INT,
    make: (f) => (/end/.test(snake(f.column.name)) ? int(12, 21) : int(6, 18)),
    doc: 'Hours of the day 6–18 (ends 12–21).',
    example: 'class_templates.start_hour INTEGER',
  },
  {
    id: 'time.duration',
    column: /(^|_)(duration|length_minutes|time_spent|time_spent_minutes|estimated_time|estimated_duration|estimated_minutes|preparation_time|prep_time|cook_time|cooking_time|total_time|break_time|session_length|class_length|elapsed|elapsed_time|time_taken|completion_time|response_time|processing_time|latency|total_latency|average_latency|avg_latency|min_latency|max_latency|load_time|execution_time|run_time|runtime|timeout|ttl|interval|refresh_interval|cache_duration|cache_ttl|expires_in|reset_timeout|half_open_timeout|cooldown|retention_period|retention_days|grace_period|notice_period|lead_time|wait_time|travel_time|screen_time|study_time|practice_time|active_minutes|minutes|seconds|hours|days|weeks|months)$|_(minutes|mins|seconds|secs|ms|millis|milliseconds|hours|hrs|days|weeks|months)$|^(minutes|seconds|hours|days)_[a-z_]+$/,
    kinds: NUM,
    make: (f) => {
      const n = snake(f.column.name);
      if (/retention|grace|notice/.test(n)) return int(7, 730);
      if (/latency|response_time|processing_time|load_time|execution_time|completion_time/.test(n) && !/(minutes|mins|seconds|hours)$/.test(n)) return logInt(f, 5, 5_000);
      if (/timeout|ttl|interval|expires_in|cooldown|cache/.test(n) && !/(minutes|hours|days)$/.test(n)) return logInt(f, 5, 3_600);
      return duration(f);
    },
    doc: 'Durations by unit suffix: minutes 5–120, seconds/timeouts 5–3600, ms/latency 5–5000, hours 0.5–40, days 1–90; retention periods 7–730 days.',
    example: 'exam_subjects.duration_minutes INTEGER',
  },
  {
    id: 'time.durationText',
    column: ends('duration', 'length', 'time_required', 'estimated_time', 'time_commitment', 'timeframe', 'time_frame', 'time_range', 'prediction_horizon', 'tracking_period', 'period'),
    kinds: TEXT,
    make: (f) => (/period|frame|range|horizon/.test(snake(f.column.name)) ? choice(f, ['daily', 'weekly', 'monthly', 'quarterly', 'yearly']) : choice(f, ['15 minutes', '30 minutes', '45 minutes', '1 hour', '90 minutes', '2 hours', '1 day', '1 week'])),
    doc: 'Durations and periods as text: "45 minutes", "1 hour"; periods daily/weekly/monthly.',
    example: 'lesson_plans.duration TEXT',
  },
  {
    id: 'time.frequency.int',
    column: ends('frequency', 'times_per_week', 'sessions_per_week', 'workouts_per_week', 'days_per_week', 'frequency_per_week', 'weekly_frequency'),
    kinds: INT,
    make: () => int(1, 7),
    doc: 'Frequencies as a number: 1–7 times a week.',
    example: 'health_fitness_workout_plans.frequency INTEGER',
  },
  {
    id: 'time.frequency',
    column: ends('frequency', 'recurrence', 'repeat', 'repeats', 'recurrence_rule', 'repeat_interval', 'schedule_frequency', 'review_frequency', 'monitoring_frequency', 'backup_frequency', 'cadence', 'reporting_frequency'),
    kinds: TEXT,
    make: (f) => choice(f, P.frequencies),
    doc: 'Frequencies: daily, weekly, monthly, quarterly, yearly, once.',
    example: 'fee_structures.frequency VARCHAR(10)',
  },
];
