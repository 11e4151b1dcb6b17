import { pools as P } from '../pools.ts';
import type { Rng } from '../prng.ts';
import { TEXT, cap, choice, clip, dashSuffix, ends, exact, fitted, gen, maxLen, pick, pool, tables, type ColumnFacts, type Rule } from './kit.ts';
import { body, description, sentence, title } from './text.ts';

// Content: titles, slugs, summaries, descriptions, bodies, chat messages, comments, notes,
// reasons, instructions, questions, tags, labels — in plain English, fitted to the column.

const SLUG_ADJ = P.titleAdjectives.map((w) => w.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
const SLUG_TOPIC = P.topics.map((w) => w.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
const CHAT_TABLES = tables('messages?', 'chat_messages?', 'direct_messages?', 'conversation_messages?', 'chats?', 'dms?', 'channel_messages?', 'thread_messages?', 'replies', 'reply');
const COMMENT_TABLES = tables('comments?', 'reviews?', 'feedbacks?', 'testimonials?', 'ratings?', 'post_comments?', 'lesson_comments?');
const SUBJECT_TABLES = tables('conversations?', 'messages?', 'emails?', 'email_\\w+', 'mails?', 'notifications?', 'tickets?', 'support_tickets?', 'threads?', 'inquiries', 'enquiries', 'announcements?', 'newsletters?');

/** `make` for prose: text fitted to the column at a word boundary. */
const prose = (make: (r: Rng, max: number) => string) => (f: ColumnFacts) => {
  const max = maxLen(f);
  return gen((r) => { const s = make(r, max); return s.length <= max ? s : clip(s, max); });
};

function someTags(r: Rng, max: number): string {
  let s = pick(r, P.tags);
  const n = r.int(0, 3);
  for (let i = 0; i < n; i++) {
    const t = pick(r, P.tags);
    if (s.length + 1 + t.length > max) break;
    if (!s.includes(t)) s += ',' + t;
  }
  return s;
}

export const contentRules: Rule[] = [
  // ── Table context ─────────────────────────────────────────────────────────────────────
  {
    id: 'content.channel.context',
    column: exact('name', 'channel_name', 'title', 'slug', 'handle', 'display_name'),
    table: tables('channels?', 'chat_channels?', 'chat_rooms?', 'chatrooms?', 'rooms_chat', 'slack_channels?', 'discussion_groups?'),
    kinds: TEXT,
    make: (f) => pool(f, P.chatChannels, dashSuffix),
    doc: '`name` in a chat channels table: general, random, design, team-lunch … (a collision becomes design-2).',
    example: 'channels.name TEXT',
  },
  {
    id: 'content.reaction.context',
    column: exact('name', 'reaction', 'code', 'shortcode', 'type', 'reaction_type', 'label', 'slug'),
    table: tables('reactions?', 'emojis?', 'message_reactions?', 'emoji_reactions?'),
    kinds: TEXT,
    make: (f) => pool(f, P.reactions, dashSuffix),
    doc: '`name` in a reactions table: thumbs_up, heart, laugh, party … (chat seed).',
    example: 'reactions.name TEXT',
  },
  {
    id: 'content.chatMessage.context',
    column: exact('content', 'body', 'text', 'message', 'message_text', 'message_body', 'reply', 'msg'),
    table: CHAT_TABLES,
    kinds: TEXT,
    make: prose((r) => (r.float() < 0.75 ? pick(r, P.chatMessages) : `${pick(r, P.chatMessages)} ${pick(r, P.chatMessages)}`)),
    doc: 'Text of a chat/direct message: "Can we move the meeting to Thursday?" (one or two lines).',
    example: 'messages.content TEXT',
  },
  {
    id: 'content.comment.context',
    column: exact('content', 'body', 'text', 'comment', 'review', 'message', 'comment_text', 'review_text'),
    table: COMMENT_TABLES,
    kinds: TEXT,
    make: prose((r) => (r.float() < 0.7 ? pick(r, P.comments) : `${pick(r, P.comments)} ${pick(r, P.comments)}`)),
    doc: 'Text of a comment/review/feedback: "Really enjoyed this, thank you!"',
    example: 'comments.body TEXT',
  },
  {
    id: 'content.subject.context',
    column: exact('subject', 'subject_line', 'email_subject', 'topic', 'title', 'headline'),
    table: SUBJECT_TABLES,
    kinds: TEXT,
    make: prose((r) => `${pick(r, ['', '', 'Re: ', 'Fwd: ', 'Reminder: ', 'Update: '])}${title(r)}`),
    doc: '`subject` of a conversation, message, email or ticket: "Re: Time Management Workshop".',
    example: 'conversations.subject VARCHAR(200)',
  },
  // ── Columns ───────────────────────────────────────────────────────────────────────────
  {
    id: 'content.title',
    column: /(^|_)(title|headline|heading|subject_line|caption_title|display_title|post_title|article_title|page_title|short_title|long_title|subtitle|sub_title|task_title|event_title|goal_title|plan_title|card_title|section_title|report_title|session_title|activity_title|assignment_title|project_title)$/,
    kinds: TEXT,
    make: fitted(title),
    doc: 'Titles and headlines in English: "Practical Leadership Workshop", "7 Tips for Study Skills".',
    example: 'posts.title VARCHAR(150)',
  },
  {
    id: 'content.slug',
    column: ends('slug', 'permalink_slug', 'url_slug', 'seo_slug', 'url_key', 'handle_slug', 'path_slug'),
    kinds: TEXT,
    make: fitted((r) => `${pick(r, SLUG_ADJ)}-${pick(r, SLUG_TOPIC)}`, dashSuffix),
    doc: 'URL slugs "practical-time-management" (collisions get -2).',
    example: 'posts.slug TEXT',
  },
  {
    id: 'content.summary',
    column: /(^|_)(summary|abstract|excerpt|short_description|synopsis|blurb|teaser|overview|brief|lead|preview|snippet|tldr|caption|short_desc|one_liner|highlights?|key_points|key_findings|insight|insights|conclusion|conclusions|recommendation|recommendations|suggestion|suggestions|next_steps|improvement_areas|strengths|weaknesses|areas_for_improvement)$/,
    kinds: TEXT,
    make: prose((r) => sentence(r)),
    doc: 'One-sentence summaries, recommendations, insights.',
    example: 'report_cards.summary TEXT',
  },
  {
    id: 'content.description',
    column: /(^|_)(description|desc|details|detail|about_text|info|information|purpose|objective|objectives|goal_description|learning_objectives|learning_outcomes|outcomes|success_criteria|requirements|prerequisites|scope|performance_details|criteria|rubric|expectations|responsibilities|benefits|features_text|specification|specifications|content_description|modifications|adaptations|accommodations|limitations_text|considerations|plan_details|goals|goal|target_description|context_text|context|mitigation_strategy|mitigation_plan|mitigation|action_needed|action_plan|actions_needed|strategy|improvement_plan|intervention_plan|checklist_item|item_text|task_description|do_now|anticipatory_set|closure|warm_up_activity|plenary|starter|hook|guided_practice|independent_practice|assessment_strategy|differentiation|extension_activity|special_events_text|notes_summary)$/,
    kinds: TEXT,
    make: prose((r, max) => description(r, max)),
    doc: 'Descriptions: 1–3 English sentences within the column length.',
    example: 'activities.description TEXT',
  },
  {
    id: 'content.body',
    column: /(^|_)(body|content|text|html|markdown|article|article_body|post_body|page_content|full_text|content_text|raw_text|transcript|essay|story|lesson_content|content_body|html_body|text_body|contents|document_text|notes_body|template_body)$/,
    kinds: TEXT,
    make: prose((r, max) => body(r, max)),
    doc: 'Longer bodies: 3–6 English sentences within the column length.',
    example: 'lesson_plans.content TEXT',
  },
  {
    id: 'content.error',
    column: ends('error', 'error_message', 'error_msg', 'last_error', 'failure_reason', 'error_details', 'exception', 'error_text', 'error_description', 'validation_errors', 'errors'),
    kinds: TEXT,
    make: (f) => pool(f, P.errorMessages),
    doc: 'Error messages: "Connection timed out", "Rate limit exceeded" …',
    example: 'sync_jobs.error_message TEXT',
  },
  {
    id: 'content.message',
    column: ends('message', 'msg', 'message_text', 'message_body', 'notification_text', 'alert_message', 'status_message', 'announcement', 'greeting', 'welcome_message', 'notification_message', 'push_message', 'sms_text', 'reminder_text'),
    kinds: TEXT,
    make: prose((r) => pick(r, P.notifications)),
    doc: 'Notification-style messages: "Your booking is confirmed."',
    example: 'notifications.message TEXT',
  },
  {
    id: 'content.comment',
    column: /(^|_)(comment|comments|review|review_text|feedback|feedback_comment|feedback_text|testimonial|evaluation|teacher_comment|teacher_comments|principal_comment|coach_comment|coach_notes|reflection|response_text|performance_details_text|progress_notes|assessment_notes)$/,
    kinds: TEXT,
    make: prose((r) => (r.float() < 0.7 ? pick(r, P.comments) : `${pick(r, P.comments)} ${pick(r, P.comments)}`)),
    doc: 'Comments, reviews and feedback: "Good effort, but check the details."',
    example: 'student_marks.teacher_comment TEXT',
  },
  {
    id: 'content.actionTaken',
    column: ends('action_taken', 'actions_taken', 'response_taken', 'resolution', 'outcome', 'corrective_action', 'disciplinary_action', 'intervention', 'interventions', 'follow_up_action', 'treatment', 'treatment_plan', 'response'),
    kinds: TEXT,
    make: (f) => pool(f, P.actionsTaken),
    doc: 'Actions taken / resolutions: "Parent contacted by phone", "No further action required".',
    example: 'behavior_incidents.action_taken TEXT',
  },
  {
    id: 'content.notes',
    column: /(^|_)(notes?|remarks?|memo|annotation|annotations|internal_notes|admin_notes|staff_notes|follow_up_notes|resolution_notes|safety_notes|additional_notes|extra_notes|note_text|observation|observations|special_instructions|private_notes|reviewer_notes|issues_encountered|issues)$/,
    kinds: TEXT,
    make: prose((r) => pick(r, P.notes)),
    nullRate: 0.75, // most rows carry no remark
    doc: 'Short notes and remarks: "Follow up next week.", "Medical certificate provided." NULL in 3 of 4 rows when nullable.',
    example: 'student_attendance.remarks TEXT',
  },
  {
    id: 'content.reason',
    column: /(^|_)(reason|reasons|reason_text|change_reason|cancellation_reason|cancel_reason|rejection_reason|refusal_reason|absence_reason|leave_reason|reason_for_leaving|exemption_reason|excuse|justification|cause|reason_for_visit|return_reason|refund_reason|reasoning|rationale|motivation|root_cause|explanation)$/,
    kinds: TEXT,
    make: prose((r) => pick(r, P.reasons)),
    doc: 'Reasons: "Medical appointment", "Schedule conflict", "Family emergency" …',
    example: 'staff_leaves.reason TEXT',
  },
  {
    id: 'content.instructions',
    column: /(^|_)(instructions?|directions|steps|how_to|procedure|procedures|guidelines|usage_instructions|safety_instructions|safety_precautions|precautions|safety_considerations|setup_instructions|preparation_method|method_steps|technique|technique_notes|form_cues|coaching_cues|safety_guidelines|protocol)$/,
    kinds: TEXT,
    make: prose((r, max) => { let s = pick(r, P.instructions); const n = r.int(0, 2); for (let i = 0; i < n; i++) { const t = pick(r, P.instructions); if (s.length + 1 + t.length > max) break; if (!s.includes(t)) s += ' ' + t; } return s; }),
    doc: 'Instructions: "Warm up for 5 minutes before starting. Rest for 60 seconds between sets."',
    example: 'exercises.instructions TEXT',
  },
  {
    id: 'content.question',
    column: ends('question', 'question_text', 'prompt', 'query', 'faq_question', 'user_query', 'user_message', 'user_input', 'ask', 'search_query', 'input_text'),
    kinds: TEXT,
    make: prose((r) => pick(r, P.questions)),
    doc: 'Questions: "How can I reset my password?"',
    example: 'faqs.question TEXT',
  },
  {
    id: 'content.answer',
    column: ends('answer', 'answer_text', 'faq_answer', 'ai_response', 'assistant_response', 'completion', 'reply_text', 'output_text', 'model_response', 'bot_response', 'generated_text'),
    kinds: TEXT,
    make: prose((r, max) => description(r, max)),
    doc: 'Answers and generated responses: English sentences.',
    example: 'faqs.answer TEXT',
  },
  {
    id: 'content.tags',
    column: ends('tags', 'tag', 'keywords', 'keyword', 'labels', 'hashtags', 'hashtag', 'topics_list', 'tag_list', 'search_terms'),
    kinds: TEXT,
    make: (f) => { const max = maxLen(f); return { ...gen((r) => someTags(r, max)), item: pool(f, P.tags) }; },
    doc: 'Comma-separated tags "beginner,outdoor,weekly" (one tag each in an array column).',
    example: 'resources.tags TEXT',
  },
  {
    id: 'content.skills',
    column: ends('skill', 'skills', 'skill_name', 'competency', 'competencies', 'interests', 'interest', 'hobbies', 'hobby', 'strengths_list'),
    kinds: TEXT,
    make: (f) => pool(f, P.skills),
    doc: 'Skills and interests: teamwork, public speaking, first aid …',
    example: 'student_profiles.skills TEXT',
  },
  {
    id: 'content.label',
    column: ends('label', 'display_label', 'alt_text', 'alt', 'button_text', 'link_text', 'placeholder', 'tooltip', 'hint', 'nickname_label', 'short_label', 'badge', 'badge_name'),
    kinds: TEXT,
    make: fitted((r) => `${cap(pick(r, P.adjectives))} ${pick(r, P.nouns)}`),
    doc: 'Short labels in English: "Bright harbour".',
    example: 'widgets.label TEXT',
  },
  {
    id: 'content.sentiment',
    column: ends('sentiment', 'mood', 'tone', 'emotion', 'feeling'),
    kinds: TEXT,
    make: (f) => choice(f, /mood|emotion|feeling/.test(f.column.name.toLowerCase()) ? ['happy', 'calm', 'tired', 'stressed', 'motivated', 'anxious', 'neutral'] : ['positive', 'neutral', 'negative']),
    doc: 'Sentiment positive/neutral/negative; moods happy, calm, tired …',
    example: 'feedback.sentiment TEXT',
  },
];

