import { pools as P } from '../pools.ts';
import type { Generator } from '../generator.ts';
import {
  INT, NUM, TEXT, choice, ends, exact, fitted, int, logInt, num, pick, snake, tableNoun, titleCase, weighted, type ColumnFacts, type Rule,
} from './kit.ts';

// Categorical and scored columns: statuses (by what the table holds), priorities, severities,
// levels, ratings, scores, percentages, ratios, *_type columns, counts, ordering, and the
// last-resort `name` of a table no other rule knows.


const STATUS = exact('status', 'state', 'current_status', 'state_name', 'status_name', 'stage');

const TYPE_POOLS: [RegExp, readonly string[]][] = [
  [/^(user|member|person|participant|recipient|sender|actor|account_holder|profile)_type$/, ['student', 'teacher', 'parent', 'staff', 'admin']],
  [/^(message|content_kind|post|attachment_kind)_type$/, ['text', 'image', 'file', 'system']],
  [/^(event|calendar_event|occasion)_type$/, ['meeting', 'workshop', 'competition', 'ceremony', 'trip', 'training', 'holiday', 'social']],
  [/^(activity|physical_activity|sport_activity)_type$/, ['running', 'cycling', 'swimming', 'yoga', 'strength', 'walking', 'hiit', 'pilates', 'team_sport']],
  [/^(resource|material|learning_resource|media|asset_media)_type$/, ['video', 'article', 'worksheet', 'quiz', 'presentation', 'audio', 'link', 'ebook']],
  [/^(goal|objective|target)_type$/, ['fitness', 'academic', 'weight_loss', 'endurance', 'strength', 'flexibility', 'habit']],
  [/^(alert|warning|reminder)_type$/, ['info', 'warning', 'critical', 'reminder']],
  [/^(feedback|review)_type$/, ['praise', 'suggestion', 'complaint', 'question', 'bug_report']],
  [/^(leave|absence|excuse|time_off)_type$/, P.leaveTypes],
  [/^(metric|measure|measurement|stat|statistic|kpi)_type$/, ['heart_rate', 'steps', 'calories', 'distance', 'duration', 'score', 'attendance', 'weight']],
  [/^(document|doc|file_category|attachment)_type$/, ['certificate', 'report', 'invoice', 'receipt', 'id_card', 'medical_form', 'transcript', 'contract']],
  [/^(incident|behavior|behaviour|violation|offense|offence|discipline)_type$/, ['late arrival', 'disruption', 'bullying', 'uniform violation', 'academic dishonesty', 'property damage', 'fighting']],
  [/^(employment|job|contract|staff|work|position)_type$/, ['full_time', 'part_time', 'contract', 'temporary', 'intern', 'volunteer']],
  [/^(enrollment|enrolment|registration|admission)_type$/, ['regular', 'transfer', 'late', 'audit', 'online']],
  [/^(session|class|lesson|meeting)_type$/, ['lecture', 'lab', 'tutorial', 'workshop', 'online', 'in_person', 'group', 'private']],
  [/^(reason|exit|visit)_type$/, ['medical', 'personal', 'family', 'official', 'sports', 'other']],
  [/^(achievement|award|recognition)_type$/, ['academic', 'sports', 'cultural', 'leadership', 'community_service', 'arts']],
  [/^(subscription|plan|membership)_type$/, P.subscriptionTiers],
  [/^(question|item|quiz_question)_type$/, ['multiple_choice', 'true_false', 'short_answer', 'essay', 'matching']],
  [/^(report|analysis|summary|analytics)_type$/, ['daily', 'weekly', 'monthly', 'term', 'annual', 'custom']],
  [/^(integration|connection|sync)_type$/, ['google_classroom', 'microsoft_teams', 'zoom', 'slack', 'webhook', 'lti', 'csv_import']],
  [/^(interaction|engagement)_type$/, ['view', 'click', 'like', 'share', 'comment', 'complete', 'bookmark']],
  [/^(check|inspection|audit)_type$/, ['safety', 'equipment', 'environmental', 'compliance', 'routine']],
  [/^(maintenance|repair|service)_type$/, ['preventive', 'corrective', 'inspection', 'cleaning', 'replacement']],
  [/^(token|credential|auth)_type$/, ['access', 'refresh', 'reset', 'verification', 'api']],
  [/^(participant|attendee|guest)_type$/, ['student', 'staff', 'parent', 'guest']],
  [/^(conversation|chat|thread|channel)_type$/, ['direct', 'group', 'channel', 'announcement']],
  [/^(component|salary_component|pay_component|earning)_type$/, ['earning', 'deduction', 'allowance', 'bonus']],
  [/^(day|calendar_day|date)_type$/, ['school_day', 'holiday', 'weekend', 'exam_day', 'event_day']],
  [/^(rule|policy)_type$/, ['threshold', 'consecutive', 'percentage', 'notification', 'escalation']],
  [/^(discrepancy|anomaly|mismatch|error)_type$/, ['missing_record', 'duplicate', 'time_mismatch', 'status_conflict']],
];

function typed(f: ColumnFacts): Generator {
  const n = snake(f.column.name);
  for (const [re, values] of TYPE_POOLS) if (re.test(n)) return choice(f, values);
  return choice(f, ['standard', 'basic', 'premium', 'custom', 'general', 'special', 'other']);
}

/** The noun a `name` column names: `metric_name` → "Metric", else the table: `sport_teams` → "Sport Team". */
function noun(f: ColumnFacts): string {
  const n = snake(f.column.name);
  const m = /^([a-z0-9_]+)_name$/.exec(n);
  const own = m && !/^(type|display|short|long|full|official|common|internal|public|category|friendly|given|local|native|item|entry|record)$/.test(m[1]) ? m[1] : undefined;
  return titleCase((own ?? tableNoun(f.table)).replace(/_/g, ' '));
}
const NAME_WORDS = ['Alpha', 'Summit', 'Horizon', 'Maple', 'Riverside', 'Pioneer', 'Evergreen', 'Northstar', 'Cedar', 'Aurora', 'Falcon', 'Harbor', 'Keystone', 'Meridian', 'Orchard', 'Sterling', 'Willow', 'Beacon', 'Atlas', 'Nova', 'Granite', 'Juniper', 'Lakeside', 'Silver', 'Crescent'];

export const statusRules: Rule[] = [
  // ── Statuses by table ─────────────────────────────────────────────────────────────────
  {
    id: 'status.attendance.context',
    column: exact('status', 'attendance_status', 'attendance', 'presence', 'mark'),
    table: /(attendance|roll_call|register|check_ins?|presence)/,
    kinds: TEXT,
    make: (f) => weighted(f, P.attendanceStatuses, 0.85),
    doc: '`status` in attendance/roll-call tables: present (85 %), absent, late, excused.',
    example: 'student_attendance.status VARCHAR(10)',
  },
  {
    id: 'status.payment.context',
    column: STATUS,
    table: /(payment|invoice|transaction|fee|charge|refund|payout|billing|salary|salaries|expense|income|purchase|receipt|ledger|petty_cash)/,
    kinds: TEXT,
    make: (f) => weighted(f, ['completed', 'pending', 'failed', 'refunded', 'cancelled'], 0.7),
    doc: '`status` of a payment/invoice/fee/transaction: completed (70 %), pending, failed, refunded, cancelled.',
    example: 'expense_transactions.status VARCHAR(10)',
  },
  {
    id: 'status.booking.context',
    column: STATUS,
    table: /(booking|reservation|appointment|class_instance|registration|rsvp|attendee|resource_booking|waitlist)/,
    kinds: TEXT,
    make: (f) => weighted(f, ['confirmed', 'pending', 'cancelled', 'completed', 'no_show'], 0.55),
    doc: '`status` of a booking/reservation/appointment: confirmed, pending, cancelled, completed, no_show.',
    example: 'bookings.status TEXT',
  },
  {
    id: 'status.task.context',
    column: STATUS,
    table: /(task|ticket|issue|request|maintenance|incident|job|bug|todo|support|repair|complaint|discrepanc|excuse|leave|approval|application|pass|substitution|case)/,
    kinds: TEXT,
    make: (f) => choice(f, ['open', 'in_progress', 'pending', 'approved', 'rejected', 'resolved', 'closed']),
    doc: '`status` of a task/ticket/request/leave/incident: open, in_progress, pending, approved, rejected, resolved, closed.',
    example: 'maintenance_requests.status VARCHAR(15)',
  },
  {
    id: 'status.friendship.context',
    column: STATUS,
    table: /(friend|connection|follow|invitation|invite|relationship|contact_request|membership_request)/,
    kinds: TEXT,
    make: (f) => weighted(f, ['accepted', 'pending', 'declined', 'blocked'], 0.7),
    doc: '`status` of a friendship/invitation: accepted (70 %), pending, declined, blocked.',
    example: 'friendships.status TEXT',
  },
  {
    id: 'status.enrollment.context',
    column: STATUS,
    table: /(enrol|student|pupil|learner|membership|member|subscription|user_package|package)/,
    kinds: TEXT,
    make: (f) => weighted(f, ['active', 'inactive', 'suspended', 'graduated', 'transferred', 'expired'], 0.75),
    doc: '`status` of a student/member/subscription: active (75 %), inactive, suspended, graduated, transferred, expired.',
    example: 'students.status VARCHAR(12)',
  },
  {
    id: 'status.account.context',
    column: STATUS,
    table: /(user|account|customer|profile|staff|employee|teacher|instructor|client|vendor|supplier)/,
    kinds: TEXT,
    make: (f) => weighted(f, ['active', 'inactive', 'suspended', 'pending'], 0.8),
    doc: '`status` of a user/account/staff member: active (80 %), inactive, suspended, pending.',
    example: 'users.status TEXT',
  },
  {
    id: 'status.publication.context',
    column: STATUS,
    table: /(post|article|page|lesson|course|content|document|template|resource|blog|news|announcement|curricul|syllab|plan|report)/,
    kinds: TEXT,
    make: (f) => weighted(f, ['published', 'draft', 'archived', 'scheduled'], 0.6),
    doc: '`status` of a post/lesson/document: published (60 %), draft, archived, scheduled.',
    example: 'lesson_plans.status TEXT',
  },
  {
    id: 'status.event.context',
    column: STATUS,
    table: /(event|exam|competition|activity|activities|meeting|session|class|match|tournament|roll_call|trip|workshop)/,
    kinds: TEXT,
    make: (f) => choice(f, ['scheduled', 'ongoing', 'completed', 'cancelled', 'postponed']),
    doc: '`status` of an event/exam/session: scheduled, ongoing, completed, cancelled, postponed.',
    example: 'exams.status VARCHAR(20)',
  },
  // ── Generic categorical ───────────────────────────────────────────────────────────────
  {
    id: 'status.employment',
    column: exact('employment_status', 'job_status', 'work_status', 'staff_status', 'employee_status', 'contract_status'),
    kinds: TEXT,
    make: (f) => weighted(f, ['active', 'on_leave', 'probation', 'resigned', 'retired'], 0.75),
    doc: 'Employment statuses: active (75 %), on_leave, probation, resigned, retired.',
    example: 'staff.employment_status VARCHAR(20)',
  },
  {
    id: 'status.effectiveness',
    column: ends('effectiveness', 'effectiveness_level', 'impact_rating', 'usefulness', 'helpfulness'),
    kinds: [...TEXT, ...INT],
    make: (f) => (f.column.kind === 'text' ? choice(f, ['very effective', 'effective', 'somewhat effective', 'not effective']) : int(1, 5)),
    doc: 'Effectiveness: very effective … not effective (1–5 as a number).',
    example: 'prevention_measures.effectiveness VARCHAR(20)',
  },
  {
    id: 'status.approval',
    column: ends('approval_status', 'review_status', 'verification_status', 'moderation_status', 'consent_status', 'kyc_status', 'authorization_status', 'approval_state'),
    kinds: TEXT,
    make: (f) => weighted(f, ['approved', 'pending', 'rejected'], 0.6),
    doc: 'Approval/review/verification statuses: approved (60 %), pending, rejected.',
    example: 'user_packages.approval_status TEXT',
  },
  {
    id: 'status.payment',
    column: ends('payment_status', 'billing_status', 'invoice_status', 'paid_status', 'settlement_status'),
    kinds: TEXT,
    make: (f) => weighted(f, ['paid', 'pending', 'failed', 'refunded', 'overdue'], 0.65),
    doc: 'Payment statuses: paid (65 %), pending, failed, refunded, overdue.',
    example: 'orders.payment_status TEXT',
  },
  {
    id: 'status.generic',
    column: /(^|_)(status|state|stage|phase|lifecycle|workflow_status|current_status|previous_status|new_status|old_status|status_name|progress_status|completion_status|health_status|audit_status|sync_status|processing_status|delivery_status|implementation_status|tracking_status|planning_status|analysis_status|subscription_status)$/,
    kinds: TEXT,
    make: (f) => weighted(f, ['active', 'inactive', 'pending', 'completed', 'cancelled', 'archived'], 0.45),
    doc: 'Other statuses: active (45 %), inactive, pending, completed, cancelled, archived (fitted to the column length).',
    example: 'academic_years.status VARCHAR(10)',
  },
  {
    id: 'status.code.int',
    column: /(^|_)(status|state|status_code|status_id|state_code)$/,
    kinds: INT,
    make: () => int(0, 3),
    doc: 'Integer statuses 0–3 (outside request/log tables, where they are HTTP codes).',
    example: 'tasks.status INTEGER',
  },
  {
    id: 'status.priority',
    column: ends('priority', 'priority_level', 'importance_level', 'urgency_level', 'priority_threshold', 'min_priority'),
    kinds: TEXT,
    make: (f) => choice(f, P.priorities),
    doc: 'Priorities: low, medium, high, urgent.',
    example: 'maintenance_requests.priority VARCHAR(10)',
  },
  {
    id: 'status.priority.int',
    column: ends('priority', 'priority_level', 'importance', 'urgency', 'priority_order', 'priority_threshold'),
    kinds: NUM,
    make: () => int(1, 5),
    doc: 'Numeric priorities 1–5.',
    example: 'student_emergency_contacts.priority INTEGER',
  },
  {
    id: 'status.severity',
    column: ends('severity', 'severity_level', 'impact', 'urgency', 'criticality', 'impact_level'),
    kinds: TEXT,
    make: (f) => weighted(f, P.severities, 0.4),
    doc: 'Severities: low (40 %), medium, high, critical.',
    example: 'behavior_incident_types.severity VARCHAR(10)',
  },
  {
    id: 'status.severity.int',
    column: ends('severity', 'severity_level', 'impact', 'criticality'),
    kinds: NUM,
    make: () => int(1, 5),
    doc: 'Numeric severities 1–5.',
    example: 'incidents.severity INTEGER',
  },
  {
    id: 'status.risk',
    column: ends('risk', 'risk_level', 'risk_rating', 'threat_level', 'risk_category', 'occurrence_likelihood', 'likelihood', 'residual_risk_level', 'risk_status'),
    kinds: TEXT,
    make: (f) => weighted(f, P.riskLevels, 0.45),
    doc: 'Risk levels: low, medium, high, critical.',
    example: 'risk_assessments.risk_level VARCHAR(20)',
  },
  {
    id: 'status.level',
    column: /(^|_)(level|tier_level|grade_of_service|confidence_level|engagement_level|student_engagement_level|performance_level|progress_level|planning_level|trend_direction|trend|direction)$/,
    kinds: TEXT,
    make: (f) => (/trend|direction/.test(snake(f.column.name)) ? choice(f, ['up', 'down', 'stable']) : choice(f, ['low', 'medium', 'high'])),
    doc: 'Other *_level columns: low, medium, high (trends: up, down, stable).',
    example: 'user_insights.engagement_level VARCHAR(20)',
  },
  {
    id: 'status.level.int',
    column: /(^|_)level$/,
    kinds: INT,
    make: () => int(1, 10),
    doc: 'Numeric levels 1–10.',
    example: 'players.level INTEGER',
  },
  {
    id: 'status.rating',
    column: /(^|_)(rating|ratings|stars|star_rating|rating_value|feedback_rating|effectiveness_rating|satisfaction|satisfaction_rating|satisfaction_score|user_rating|review_rating|quality_rating|difficulty_rating|overall_rating|rating_average|average_rating|avg_rating|feedback_value|score_out_of_5|enjoyment_rating)$/,
    kinds: NUM,
    make: (f) => (f.column.kind === 'integer' || f.column.kind === 'bigint' ? int(1, 5) : num(f, 1, 5, 1)),
    doc: 'Ratings 1–5 (one decimal in REAL/NUMERIC columns).',
    example: 'feedback.rating INTEGER',
  },
  {
    id: 'status.nps',
    column: exact('nps', 'nps_score', 'net_promoter_score', 'likelihood_to_recommend'),
    kinds: NUM,
    make: () => int(0, 10),
    doc: 'Net promoter scores 0–10.',
    example: 'surveys.nps_score INTEGER',
  },
  {
    id: 'status.probability',
    column: /(^|_)(ratio|probability|confidence|confidence_score|certainty|likelihood_score|weight|weightage|weighting|importance_weight|alpha|beta|threshold|dropout|learning_rate|similarity|similarity_score|relevance|relevance_score|match_score|accuracy|precision|recall|f1|f1_score|error_rate|residual_risk|implementation_quality|success_rate|failure_rate|conversion_rate|churn_rate|bounce_rate|click_rate|open_rate|volatility|trend_strength|correlation|effectiveness|efficiency|reliability|prediction_confidence|anomaly_score)$/,
    kinds: ['real', 'decimal'],
    make: (f) => num(f, 0, 1, 2),
    doc: 'Ratios, probabilities, confidences, weights and rates in REAL columns: 0.00–1.00.',
    example: 'ai_predictions.confidence_score REAL',
  },
  {
    id: 'status.score',
    column: /(^|_)(score|scores|points|total_points|validation_score|quality_score|engagement_score|risk_score|health_score|performance_score|overall_score|credit_score|fitness_score|wellness_score|sentiment_score|final_points|xp|experience_points|karma|reputation|default_points|points_awarded|max_points_score|bonus_points)$/,
    kinds: NUM,
    make: (f) => {
      const n = snake(f.column.name);
      if (/credit/.test(n)) return int(300, 850);
      if (/sentiment/.test(n)) return num(f, -1, 1, 2);
      if (/xp|experience|karma|reputation/.test(n)) return logInt(f, 1, 50_000);
      if (/points/.test(n)) return int(0, 100);
      return num(f, 0, 100, 1);
    },
    doc: 'Scores and points 0–100 (credit scores 300–850, sentiment −1…1, XP log-spread).',
    example: 'assessments.score REAL',
  },
  {
    id: 'status.percent',
    column: /(^|_)(percent|percentage|pct|progress|progress_percentage|completion_percentage|completion_percent|attendance_percentage|attendance_rate|completion_rate|pass_rate|utilization|usage_percent|occupancy_rate|progress_value|compliance_rate|improvement_rate|fill_rate|battery|battery_level|opacity|percent_complete|progress_percent|participation_rate|retention_rate|discount_rate_pct)$/,
    kinds: NUM,
    make: (f) => num(f, 0, 100, 1),
    doc: 'Percentages and progress 0–100.',
    example: 'course_progress.completion_percentage REAL',
  },
  {
    id: 'status.measure',
    column: /(^|_)(value|metric_value|current_value|target_value|min_value|max_value|previous_value|old_value|new_value|baseline|baseline_value|measurement|measured_value|reading|result_value|average|mean|median|std_deviation|stddev|standard_deviation|variance|total_value|threshold_value|recommended_value|previous_target|new_target|historical_value|predicted_value|actual_value|expected_value|amount_value)$/,
    kinds: NUM,
    make: (f) => {
      const n = snake(f.column.name);
      if (/std|variance/.test(n)) return num(f, 1, 20, 2);
      if (/mean|median|average/.test(n)) return num(f, 40, 85, 2);
      return num(f, 0, 100, 2);
    },
    doc: 'Measured values 0–100 with 2 decimals (means 40–85, standard deviations 1–20).',
    example: 'zscore_calculations.std_deviation REAL',
  },
  {
    id: 'status.count',
    column: /(^|_)(count|counter|total|attempt|attempts|tries|retry|retries|hits|misses|visits|clicks|occurrences|errors_count|num_attempts|retry_count|attempt_count|failed_login_attempts|login_attempts|usage_count|use_count|times_used|member_count|student_count|participant_count|present_count|absent_count|late_count|rating_count|review_count|comment_count|message_count|unread_count|badge_count|requests_made|total_requests|successful_requests|failed_requests|requests_per_minute|rate_limit_remaining|lessons_created|reviews_written|resources_uploaded|resources_shared|resources_received|resources_downloaded|function_calls|refresh_token_counter|sign_count|email_change_confirm_status)$|_(count|counts|attempts|made|created|written|shared|received|uploaded|downloaded|completed_count|sent_count)$|^(num|number_of|no_of|total|count)_|_(calls|requests|api_calls|sessions_count)$|^(completed|missed|skipped|failed|successful|remaining|current_month|monthly|daily)_[a-z_]+s$/,
    kinds: INT,
    make: (f) => {
      const n = snake(f.column.name);
      if (!/attempt|tries|retr/.test(n)) return logInt(f, 1, 500);
      // A job's limit (Oban's max_attempts, a queue's max_retries): one of the usual settings.
      return /^max(imum)?_|_(max|limit)$/.test(n) ? choice(f, [3, 5, 10, 20, 25]) : int(0, 5);
    },
    doc: 'Counts: log-spread 1 … 500 (attempts/retries 0–5; their max_ limits 3, 5, 10, 20 or 25).',
    example: 'activity_attendance.present_count INTEGER',
  },
  {
    id: 'status.order',
    column: /(^|_)(sort_order|display_order|order|order_index|ordering|position_index|sequence|sequence_number|sequence_order|seq|sort|sort_index|sort_key|rank_order|step_order|step_number|step|order_no|line_number|line_no|index|idx|ordinal|position_x|position_y|x|y|z|row|column|col|sidebar_position|menu_order|weight_order)$/,
    kinds: INT,
    make: (f) => (/^(x|y|z|position_x|position_y)$/.test(snake(f.column.name)) ? int(0, 1200) : int(1, 20)),
    doc: 'Ordering positions and indexes 1–20 (coordinates x/y 0–1200).',
    example: 'syllabus.order_index INTEGER',
  },
  {
    id: 'status.limit',
    column: /^(max|min|limit|quota|cap|maximum|minimum)_[a-z_]+$|_(limit|quota|cap|max|threshold|maximum|minimum|allowance_count|override)$|^(threshold|limit|quota)$/,
    kinds: NUM,
    make: (f) => logInt(f, 1, 1000),
    doc: 'Limits, quotas, thresholds max_*/min_*/*_limit: log-spread 1 … 1000.',
    example: 'attendance_policies.threshold INTEGER',
  },
  {
    id: 'status.type.specific',
    column: new RegExp(TYPE_POOLS.map(([re]) => re.source).join('|')),
    kinds: TEXT,
    make: typed,
    doc: 'Known *_type columns with their own values: user_type (student, teacher, parent …), event_type, leave_type, metric_type, resource_type, incident_type, employment_type, … (26 families).',
    example: 'staff_leaves.leave_type VARCHAR(20)',
  },
  {
    id: 'status.type',
    column: /(^|_)(type|kind|category_type|class_type|sub_type|subtype|variant|flavor|flavour|mode|style|classification|variety|genre_type|form_type|[a-z0-9_]+_type|[a-z0-9_]+_kind|[a-z0-9_]+_mode|[a-z0-9_]+_style)$/,
    kinds: TEXT,
    make: typed,
    doc: 'Other type/kind/mode columns: standard, basic, premium, custom, general, special, other.',
    example: 'widgets.widget_type VARCHAR(20)',
  },
  {
    id: 'status.type.int',
    column: /(^|_)(type|kind|mode|category|class|tier|group|level_type|type_id|kind_id)$/,
    kinds: INT,
    make: () => int(1, 5),
    doc: 'Integer types/categories 1–5.',
    example: 'notifications.type INTEGER',
  },
  // ── Last resort for names ─────────────────────────────────────────────────────────────
  {
    id: 'name.generic',
    column: /(^|_)name$|^(title|label|display_name|short_name|nickname)$/,
    kinds: TEXT,
    make: (f) => { const n = noun(f); return fitted((r) => `${pick(r, NAME_WORDS)} ${n}`)(f); },
    doc: '`name` of anything no rule knows: a proper-looking name from the table or column noun, "Summit Policy", "Horizon Metric".',
    example: 'widgets.name TEXT',
  },
];

