import { createHash } from 'node:crypto';
import { faker } from '@faker-js/faker/locale/en';
import { commonCountryName } from './place-pool.ts';

// Realistic value pools, built once at module load. Most come straight from faker's English
// locale data (`faker.definitions`): indexing an array with our own PRNG is ~10x faster than a
// seeded faker call and is reproducible byte for byte. The rest are short curated lists for
// things faker has no data for (school subjects, statuses, exercises, chat messages, …).
// Rules (rules/*.ts) only ever index these arrays; nothing here is computed per value.

const d = faker.definitions;
const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
/** Lower-case ASCII letters only, for building emails and usernames. */
const plain = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');

const firstNames = uniq(d.person.first_name!.generic ?? []);
const lastNames = uniq(d.person.last_name!.generic ?? []);
const currencies = (d.finance.currency ?? []) as readonly { name: string; code: string; symbol: string }[];
const countryCodes = (d.location.country_code ?? []) as readonly { alpha2: string; alpha3: string }[];
const languages = (d.location.language ?? []) as readonly { name: string; alpha2: string }[];
const mimeTypes = (d.system.mime_type ?? {}) as Record<string, { extensions: string[] }>;
const httpCodes = (d.internet.http_status_code ?? {}) as Record<string, number[]>;
const emoji = (d.internet.emoji ?? {}) as Record<string, string[]>;

/** The one development password every seeded password hash verifies against. */
export const DEV_PASSWORD = 'seedbed-dev-password';

export const pools = {
  // People
  firstNames,
  femaleFirstNames: uniq(d.person.first_name!.female ?? []),
  maleFirstNames: uniq(d.person.first_name!.male ?? []),
  middleNames: uniq(d.person.middle_name?.generic ?? firstNames),
  lastNames,
  /** first/last names reduced to a-z, same indexes as firstNames/lastNames. */
  plainFirstNames: firstNames.map(plain),
  plainLastNames: lastNames.map(plain),
  namePrefixes: ['Mr.', 'Mrs.', 'Ms.', 'Miss', 'Dr.', 'Prof.'],
  nameSuffixes: uniq(d.person.suffix ?? []),
  genders: ['female', 'male', 'non-binary', 'other'],
  pronouns: ['she/her', 'he/him', 'they/them', 'she/they', 'he/they'],
  jobTypes: uniq(d.person.job_type ?? []),
  jobAreas: uniq(d.person.job_area ?? []),
  jobDescriptors: uniq(d.person.job_descriptor ?? []),
  bioParts: uniq((d.person.bio_part ?? []) as readonly string[]),
  zodiacSigns: uniq(d.person.western_zodiac_sign ?? []),
  religions: ['Buddhism', 'Christianity', 'Hinduism', 'Islam', 'Judaism', 'Sikhism', 'None', 'Other'],
  ethnicities: ['Asian', 'Black', 'Hispanic or Latino', 'Middle Eastern', 'White', 'Mixed', 'Other', 'Prefer not to say'],
  maritalStatuses: ['single', 'married', 'divorced', 'widowed', 'separated'],
  relationships: ['mother', 'father', 'guardian', 'grandmother', 'grandfather', 'aunt', 'uncle', 'sister', 'brother', 'spouse', 'friend'],
  nationalities: ['American', 'Australian', 'Brazilian', 'British', 'Canadian', 'Chinese', 'Dutch', 'French', 'German', 'Indian', 'Irish', 'Italian', 'Japanese', 'Kenyan', 'Korean', 'Mexican', 'New Zealander', 'Nigerian', 'Norwegian', 'Pakistani', 'Polish', 'Portuguese', 'Singaporean', 'South African', 'Spanish', 'Sri Lankan', 'Swedish', 'Swiss'],
  userRoles: ['admin', 'teacher', 'student', 'parent', 'staff', 'manager', 'member', 'editor', 'viewer', 'instructor'],
  memberRoles: ['owner', 'admin', 'member', 'moderator', 'guest', 'captain', 'coordinator', 'participant'],

  // Contact and internet
  domains: ['example.com', 'example.org', 'example.net', 'mail.test', 'school.test', 'corp.test'],
  webHosts: ['www.example.com', 'app.example.org', 'docs.example.net', 'blog.example.com', 'shop.example.org', 'portal.example.net'],
  userAgents: [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (iPad; CPU OS 16_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
  ],
  browsers: ['Chrome', 'Firefox', 'Safari', 'Edge', 'Opera', 'Samsung Internet'],
  operatingSystems: ['Windows 11', 'Windows 10', 'macOS 14', 'macOS 13', 'Ubuntu 24.04', 'iOS 17', 'iPadOS 17', 'Android 14', 'Android 13', 'ChromeOS'],
  platforms: ['web', 'ios', 'android', 'desktop'],
  deviceTypes: ['desktop', 'mobile', 'tablet'],
  deviceNames: ['iPhone 15', 'iPhone 13', 'Pixel 8', 'Galaxy S23', 'iPad Air', 'MacBook Pro', 'ThinkPad X1', 'Surface Pro 9', 'Chromebook', 'Dell XPS 13'],
  oauthProviders: ['google', 'github', 'microsoft', 'apple', 'facebook', 'email'],
  httpMethods: ['GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE'],
  httpStatusCodes: uniq([...(httpCodes.success ?? []), ...(httpCodes.redirection ?? []), ...(httpCodes.clientError ?? []), ...(httpCodes.serverError ?? [])]),
  commonHttpStatusCodes: [200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 403, 404, 404, 409, 422, 429, 500, 502, 503],
  apiResources: ['users', 'students', 'classes', 'courses', 'lessons', 'messages', 'channels', 'bookings', 'payments', 'orders', 'products', 'reports', 'sessions', 'files', 'settings', 'notifications'],
  emojis: uniq([...(emoji.smiley ?? []).slice(0, 40), ...(emoji.body ?? []).slice(0, 20), ...(emoji.nature ?? []).slice(0, 10), ...(emoji.food ?? []).slice(0, 10)]),
  reactions: ['thumbs_up', 'heart', 'laugh', 'wow', 'sad', 'angry', 'party', 'eyes', 'rocket', 'check', 'fire', 'clap', 'thinking', 'pray', 'hundred'],
  chatChannels: ['general', 'random', 'announcements', 'help', 'design', 'engineering', 'marketing', 'sales', 'support', 'product', 'frontend', 'backend', 'devops', 'qa', 'hiring', 'watercooler', 'book-club', 'music', 'pets', 'travel', 'football', 'gaming', 'standup', 'releases', 'incidents', 'feedback', 'ideas', 'events', 'team-lunch', 'off-topic'],
  hashtags: ['tips', 'news', 'update', 'howto', 'community', 'learning', 'fitness', 'health', 'music', 'travel', 'food', 'tech', 'design', 'school', 'sports', 'events', 'weekend', 'motivation', 'beginner', 'advanced'],

  // Places
  cities: uniq(d.location.city_name ?? []),
  states: uniq(d.location.state ?? []),
  stateAbbr: uniq(d.location.state_abbr ?? []),
  counties: uniq(d.location.county ?? []),
  countries: uniq((d.location.country ?? []).map(commonCountryName)),
  countryAlpha2: uniq(countryCodes.map((c) => c.alpha2)),
  countryAlpha3: uniq(countryCodes.map((c) => c.alpha3)),
  continents: uniq(d.location.continent ?? []),
  streetNames: uniq(d.location.street_name ?? []),
  streetSuffixes: uniq(d.location.street_suffix ?? []),
  directions: uniq(d.location.direction?.cardinal ?? []),
  timeZones: uniq((d.location.time_zone ?? []) as readonly string[]),
  venues: ['Main Hall', 'Auditorium', 'Gymnasium', 'Sports Ground', 'Library', 'Science Lab', 'Computer Lab', 'Music Room', 'Art Studio', 'Conference Room A', 'Conference Room B', 'Cafeteria', 'Community Centre', 'Studio 1', 'Studio 2', 'Outdoor Court', 'Swimming Pool', 'Playground', 'Room 101', 'Room 204', 'Chapel', 'Lecture Theatre', 'Meeting Room 3', 'Rooftop Terrace'],
  buildings: ['Main Building', 'North Wing', 'South Wing', 'East Block', 'West Block', 'Science Block', 'Admin Block', 'Annex', 'Sports Complex', 'Library Building'],

  // Organisations
  companySuffixes: uniq((d.company.legal_entity_type ?? []) as readonly string[]),
  companyAdjectives: uniq(d.company.adjective ?? []),
  companyNouns: uniq(d.company.noun ?? []),
  companyDescriptors: uniq(d.company.descriptor ?? []),
  buzzVerbs: uniq(d.company.buzz_verb ?? []),
  buzzAdjectives: uniq(d.company.buzz_adjective ?? []),
  buzzNouns: uniq(d.company.buzz_noun ?? []),
  industries: ['Education', 'Healthcare', 'Finance', 'Retail', 'Manufacturing', 'Technology', 'Hospitality', 'Logistics', 'Media', 'Construction', 'Energy', 'Agriculture', 'Telecommunications', 'Real Estate', 'Non-profit', 'Government', 'Fitness', 'Legal', 'Insurance', 'Transportation'],
  departments: uniq(d.commerce.department ?? []),
  orgDepartments: ['Administration', 'Finance', 'Human Resources', 'IT', 'Marketing', 'Sales', 'Operations', 'Customer Support', 'Legal', 'Research', 'Engineering', 'Facilities', 'Procurement', 'Academic Affairs', 'Student Services', 'Physical Education', 'Science', 'Mathematics', 'Languages', 'Arts'],
  schoolNameParts: ['Greenwood', 'Riverside', 'Hillcrest', 'Oakridge', 'Maple Grove', 'Lakeside', 'St. Mary\'s', 'St. Joseph\'s', 'Westfield', 'Northgate', 'Sunnydale', 'Kingsway', 'Brookfield', 'Pinecrest', 'Fairview', 'Highland', 'Royal', 'Central', 'Harbour View', 'Mount Pleasant'],
  schoolNameKinds: ['High School', 'College', 'Academy', 'Primary School', 'Secondary School', 'International School', 'Grammar School', 'Middle School'],
  permissions: ['users:read', 'users:write', 'students:read', 'students:write', 'grades:read', 'grades:write', 'attendance:read', 'attendance:write', 'reports:read', 'reports:export', 'finance:read', 'finance:write', 'settings:manage', 'messages:send', 'bookings:manage', 'content:publish', 'admin:all'],
  scopes: ['openid', 'profile', 'email', 'offline_access', 'read', 'write', 'admin'],

  // Money and commerce
  currencyCodes: uniq(currencies.map((c) => c.code)),
  commonCurrencyCodes: ['USD', 'EUR', 'GBP', 'JPY', 'INR', 'LKR', 'AUD', 'CAD', 'CHF', 'SGD', 'NZD', 'SEK'],
  currencyNames: uniq(currencies.map((c) => c.name)),
  currencySymbols: ['$', '€', '£', '¥', '₹', 'Rs', 'A$', 'C$', 'CHF', 'S$'],
  paymentMethods: ['credit_card', 'debit_card', 'cash', 'bank_transfer', 'paypal', 'apple_pay', 'google_pay', 'cheque'],
  cardBrands: ['Visa', 'Mastercard', 'American Express', 'Discover', 'JCB', 'UnionPay'],
  bankAccountTypes: uniq(d.finance.account_type ?? []),
  transactionTypes: ['deposit', 'withdrawal', 'payment', 'refund', 'transfer', 'fee', 'adjustment'],
  ledgerAccounts: ['Cash', 'Petty Cash', 'Bank - Current Account', 'Accounts Receivable', 'Accounts Payable', 'Tuition Fees', 'Salaries and Wages', 'Utilities', 'Rent', 'Office Supplies', 'Depreciation', 'Retained Earnings', 'Sales Revenue', 'Cost of Goods Sold', 'Prepaid Expenses', 'Accrued Liabilities', 'Equipment', 'Maintenance', 'Insurance', 'Interest Income'],
  expenseCategories: ['Utilities', 'Salaries', 'Office Supplies', 'Maintenance', 'Travel', 'Training', 'Software', 'Equipment', 'Rent', 'Insurance', 'Marketing', 'Transport', 'Catering', 'Cleaning', 'Security', 'Printing', 'Events', 'Repairs'],
  feeCategories: ['Tuition Fee', 'Admission Fee', 'Examination Fee', 'Library Fee', 'Sports Fee', 'Laboratory Fee', 'Transport Fee', 'Uniform Fee', 'Activity Fee', 'Computer Fee', 'Development Fee', 'Late Fee'],
  incomeSources: ['Tuition Fees', 'Donations', 'Government Grant', 'Canteen Sales', 'Event Tickets', 'Facility Rental', 'Sponsorships', 'Fundraising', 'Alumni Contributions', 'Interest Income'],
  assetCategories: ['Furniture', 'Computers', 'Laboratory Equipment', 'Sports Equipment', 'Musical Instruments', 'Books', 'Vehicles', 'Audio Visual', 'Office Equipment', 'Kitchen Equipment', 'Networking', 'Software Licences'],
  billingCycles: ['monthly', 'quarterly', 'yearly', 'weekly', 'one_time'],
  frequencies: ['daily', 'weekly', 'biweekly', 'monthly', 'quarterly', 'yearly', 'once'],
  subscriptionTiers: ['free', 'basic', 'standard', 'premium', 'enterprise'],
  shippingMethods: ['standard', 'express', 'overnight', 'pickup', 'economy'],
  productAdjectives: uniq(d.commerce.product_name?.adjective ?? []),
  productMaterials: uniq(d.commerce.product_name?.material ?? []),
  productNouns: uniq(d.commerce.product_name?.product ?? []),
  productSizes: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
  brands: ['Acme', 'Northwind', 'Contoso', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Cyberdyne', 'Tyrell', 'Wonka', 'Aperture'],
  couponWords: ['SAVE', 'WELCOME', 'SPRING', 'SUMMER', 'FALL', 'WINTER', 'HOLIDAY', 'VIP', 'FRIEND', 'FLASH', 'BONUS'],
  categoryLabels: ['General', 'News', 'Announcements', 'Events', 'Tutorials', 'Resources', 'Health', 'Fitness', 'Nutrition', 'Technology', 'Science', 'Arts', 'Sports', 'Travel', 'Lifestyle', 'Business', 'Education', 'Finance', 'Entertainment', 'Community', 'Outdoors', 'Home', 'Music', 'Books', 'Food'],

  // Content
  loremWords: uniq(d.lorem.word ?? []),
  adjectives: uniq(d.word.adjective ?? []),
  nouns: uniq(d.word.noun ?? []),
  verbs: uniq(d.word.verb ?? []),
  adverbs: uniq(d.word.adverb ?? []),
  titleAdjectives: ['Advanced', 'Essential', 'Practical', 'Modern', 'Creative', 'Complete', 'Quick', 'Simple', 'Effective', 'Smart', 'Better', 'Everyday', 'Hidden', 'Ultimate', 'Beginner\'s', 'Weekly', 'Annual', 'Seasonal', 'Open', 'Friendly'],
  titleNouns: ['Guide', 'Workshop', 'Update', 'Overview', 'Plan', 'Review', 'Checklist', 'Handbook', 'Challenge', 'Routine', 'Project', 'Report', 'Introduction', 'Masterclass', 'Session', 'Showcase', 'Summit', 'Series', 'Toolkit', 'Roadmap'],
  topics: ['Time Management', 'Healthy Eating', 'Team Building', 'Public Speaking', 'Data Literacy', 'Mindfulness', 'Strength Training', 'Study Skills', 'Climate Science', 'Digital Safety', 'Creative Writing', 'Financial Planning', 'Project Planning', 'Leadership', 'Customer Service', 'Remote Work', 'First Aid', 'Photography', 'Nutrition Basics', 'Sleep Hygiene', 'Problem Solving', 'Coding Basics', 'Local History', 'Recycling', 'Career Planning'],
  descSubjects: ['This session', 'The program', 'This course', 'The workshop', 'This plan', 'The activity', 'This item', 'The module', 'This resource', 'The event', 'This update', 'The project'],
  descPredicates: [
    'covers the fundamentals and builds up to more advanced topics.',
    'is designed for beginners and experienced participants alike.',
    'focuses on practical skills that can be applied right away.',
    'runs over several weeks with regular check-ins.',
    'includes hands-on exercises and a short review at the end.',
    'was updated to reflect the latest guidelines.',
    'helps participants track their progress over time.',
    'encourages collaboration and open discussion.',
    'requires no prior experience or special equipment.',
    'is available to all registered members.',
    'combines short lessons with guided practice.',
    'supports different learning styles and paces.',
    'has been reviewed by the coordinating team.',
    'can be adapted for small groups or individuals.',
    'ends with a short assessment and feedback.',
  ],
  descSentences: [
    'Materials will be shared in advance.', 'Please bring water and comfortable clothing.', 'Spaces are limited, so register early.',
    'Feedback from previous groups has been very positive.', 'All sessions are recorded for later review.', 'Questions are welcome at any time.',
    'A certificate is issued on completion.', 'The schedule may change slightly depending on the weather.', 'Refreshments will be provided.',
    'Contact the coordinator for accessibility needs.', 'Progress is reviewed at the end of each week.', 'Safety guidelines must be followed at all times.',
    'Parents are welcome to attend the final session.', 'Each participant receives individual feedback.', 'Equipment is available on request.',
  ],
  chatMessages: [
    'Hey, are we still on for tomorrow?', 'Sounds good to me!', 'Can someone share the link again?', 'Thanks, that helps a lot.',
    'I pushed the changes, please take a look.', 'Running 5 minutes late, sorry!', 'Great job everyone 🎉', 'Has anyone seen the latest update?',
    'Let me check and get back to you.', 'Good morning all!', 'Does Friday at 3pm work for everyone?', 'I will be out of office next week.',
    'Just uploaded the slides.', 'Nice, thanks for sharing!', 'Can we move the meeting to Thursday?', 'Agreed, let\'s go with option B.',
    'Who is taking notes today?', 'Reminder: the deadline is Monday.', 'I\'m on it.', 'Welcome to the channel!', 'Lunch anyone?',
    'Quick question about the schedule.', 'That was a great session today.', 'I fixed the typo in the doc.', 'See you all at standup.',
    'Could you review my pull request when you have a minute?', 'The build is green again.', 'Happy Friday! 🙌', 'Noted, thanks.',
    'Let\'s discuss this in the next call.', 'I\'ll add it to the agenda.', 'Is the room booked for Tuesday?', 'Love this idea!',
  ],
  comments: [
    'Great work, very clear and well organised.', 'Really enjoyed this, thank you!', 'Could use a few more examples.', 'Excellent progress this term.',
    'Well done, keep it up.', 'Some parts were a bit rushed.', 'Very helpful explanation.', 'Needs more practice on the basics.',
    'Shows strong understanding of the topic.', 'Good effort, but check the details.', 'Would recommend to others.', 'Friendly staff and great atmosphere.',
    'The instructions were easy to follow.', 'Participates actively in class.', 'Improvement shown since the last assessment.', 'Please submit work on time.',
    'Fantastic class, I feel stronger already.', 'The pace was just right.', 'A bit too advanced for beginners.', 'Clean, quick and reliable.',
  ],
  notes: [
    'Follow up next week.', 'Discussed with parent by phone.', 'Requires manager approval.', 'Checked and verified.', 'No issues found.',
    'Awaiting documents.', 'Rescheduled at the member\'s request.', 'Paid in cash at the front desk.', 'Equipment returned in good condition.',
    'Arrived late due to traffic.', 'Medical certificate provided.', 'Please review before Friday.', 'Updated after the audit.',
    'Student was excused by the principal.', 'Reminder sent by email.', 'First session completed successfully.', 'Needs extra support in this area.',
  ],
  reasons: [
    'Personal reasons', 'Medical appointment', 'Family emergency', 'Illness', 'Schedule conflict', 'Travel', 'Transport problems',
    'Requested by the member', 'Duplicate entry', 'Data correction', 'Policy change', 'Relocation', 'Better opportunity', 'Weather conditions',
    'Equipment failure', 'Annual review', 'Administrative error', 'Approved by management',
  ],
  instructions: [
    'Warm up for 5 minutes before starting.', 'Read all questions carefully before answering.', 'Keep your back straight and core engaged.',
    'Complete the worksheet and submit it by Friday.', 'Repeat each movement slowly and with control.', 'Work in pairs and discuss your answers.',
    'Rest for 60 seconds between sets.', 'Show all working in the space provided.', 'Bring your own mat and a water bottle.',
    'Log in with your school email address.', 'Upload your file in PDF format.', 'Stop immediately if you feel any pain.',
  ],
  questions: [
    'What is the main idea of the passage?', 'How would you improve this design?', 'Which exercise do you find most challenging?',
    'What did you learn this week?', 'How many sets should I do for best results?', 'Can you explain the difference between these two methods?',
    'Why is this step important?', 'What time does the class start?', 'Is there a discount for students?', 'How can I reset my password?',
  ],
  notifications: [
    'Your booking is confirmed.', 'Payment received, thank you!', 'Your class starts in 1 hour.', 'You have a new message.',
    'Your report card is now available.', 'Your password was changed.', 'Reminder: your assignment is due tomorrow.',
    'Your membership expires in 7 days.', 'A new lesson has been published.', 'Your request has been approved.',
    'Your session was cancelled by the instructor.', 'Weekly progress summary is ready.',
  ],
  errorMessages: [
    'Connection timed out', 'Invalid credentials', 'Rate limit exceeded', 'Validation failed: email is required', 'Upstream service unavailable',
    'Permission denied', 'File too large', 'Unexpected token in JSON at position 12', 'Record not found', 'Duplicate key value',
    'Request aborted by client', 'Token expired', 'Insufficient funds', 'Quota exceeded for this month',
  ],
  actionsTaken: [
    'Verbal warning given', 'Parent contacted by phone', 'Detention assigned', 'Referred to counsellor', 'Written warning issued',
    'No further action required', 'Equipment replaced', 'Issue escalated to manager', 'Meeting scheduled with guardian', 'Apology letter requested',
  ],
  schedules: ['Mon, Wed, Fri 08:00', 'Daily 07:30', 'Tue, Thu 16:00', 'Weekends 10:00', 'Every weekday 12:30', 'Mon 18:00', 'Sat 09:00', 'First Monday of the month'],
  skills: ['teamwork', 'communication', 'problem solving', 'leadership', 'critical thinking', 'time management', 'coding', 'public speaking', 'first aid', 'creativity', 'coaching', 'data analysis'],
  tags: ['beginner', 'intermediate', 'advanced', 'featured', 'popular', 'new', 'archived', 'important', 'draft', 'review', 'urgent', 'outdoor', 'indoor', 'group', 'solo', 'online', 'in-person', 'free', 'premium', 'weekly'],
  labels: ['Primary', 'Secondary', 'Home', 'Work', 'Personal', 'Shared', 'Favourites', 'Inbox', 'Later', 'Done'],

  // Codes and systems
  mimeTypes: Object.keys(mimeTypes),
  commonMimeTypes: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'text/plain', 'text/csv', 'application/json', 'application/zip', 'video/mp4', 'audio/mpeg', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  fileExtensions: ['pdf', 'png', 'jpg', 'docx', 'xlsx', 'csv', 'txt', 'zip', 'mp4', 'mp3', 'pptx', 'json'],
  fileStems: ['report', 'invoice', 'notes', 'summary', 'photo', 'scan', 'certificate', 'lesson-plan', 'timetable', 'receipt', 'contract', 'presentation', 'worksheet', 'assignment', 'transcript', 'budget', 'minutes', 'syllabus', 'avatar', 'export'],
  directoryPaths: ['/uploads', '/uploads/documents', '/uploads/images', '/files/reports', '/files/exports', '/media/audio', '/media/video', '/attachments', '/backups', '/tmp/imports'],
  storageBuckets: ['uploads', 'avatars', 'documents', 'media', 'backups', 'exports', 'attachments'],
  locales: ['en', 'en-US', 'en-GB', 'fr', 'fr-FR', 'de', 'de-DE', 'es', 'es-ES', 'it', 'pt-BR', 'ja', 'zh-CN', 'si', 'ta', 'hi', 'nl', 'sv'],
  languageCodes: uniq(languages.map((l) => l.alpha2)),
  languageNames: uniq(['English', ...languages.map((l) => l.name)]),
  environments: ['production', 'staging', 'development', 'test'],
  logLevels: ['debug', 'info', 'info', 'info', 'warn', 'error'],
  auditActions: ['create', 'update', 'delete', 'login', 'logout', 'view', 'export', 'approve', 'reject', 'archive'],
  eventNames: ['user.signed_up', 'user.logged_in', 'user.logged_out', 'page.viewed', 'lesson.started', 'lesson.completed', 'quiz.submitted', 'payment.succeeded', 'payment.failed', 'booking.created', 'booking.cancelled', 'message.sent', 'file.uploaded', 'report.generated', 'settings.updated'],
  entityNames: ['users', 'students', 'teachers', 'classes', 'subjects', 'lessons', 'assessments', 'messages', 'payments', 'bookings', 'sessions', 'reports', 'settings', 'activities', 'exercises'],
  settingKeys: ['theme', 'language', 'timezone', 'date_format', 'notifications.email', 'notifications.push', 'notifications.sms', 'privacy.profile_visible', 'dashboard.layout', 'units.weight', 'units.distance', 'session_timeout_minutes', 'max_upload_mb', 'default_currency', 'week_starts_on'],
  settingValues: ['true', 'false', 'dark', 'light', 'en', 'UTC', 'YYYY-MM-DD', 'compact', 'kg', 'km', '30', '25', 'USD', 'monday'],
  themes: ['light', 'dark', 'system', 'high-contrast', 'ocean', 'forest', 'sunset'],
  fontFamilies: ['Inter', 'Roboto', 'Open Sans', 'Lato', 'Source Sans Pro', 'Noto Sans', 'Georgia', 'Arial', 'Helvetica', 'Merriweather'],
  icons: ['home', 'user', 'settings', 'calendar', 'chart', 'book', 'bell', 'star', 'heart', 'search', 'folder', 'mail', 'clock', 'trophy', 'dumbbell', 'check-circle'],
  aiModels: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'claude-3-5-sonnet', 'claude-3-haiku', 'gemini-1.5-pro', 'llama-3.1-70b', 'mistral-large', 'text-embedding-3-small'],
  aiProviders: ['openai', 'anthropic', 'google', 'meta', 'mistral', 'cohere', 'azure'],
  units: ['kg', 'lb', 'cm', 'm', 'km', 'min', 's', 'reps', 'sets', 'bpm', 'kcal', '%', 'points', 'ml', 'steps'],
  metricNames: ['heart_rate', 'steps', 'calories_burned', 'distance_km', 'active_minutes', 'sleep_hours', 'weight_kg', 'resting_heart_rate', 'vo2_max', 'attendance_rate', 'average_score', 'completion_rate', 'response_time_ms', 'error_rate'],
  levels: ['beginner', 'intermediate', 'advanced', 'expert'],
  riskLevels: ['low', 'medium', 'high', 'critical'],
  severities: ['low', 'medium', 'high', 'critical'],
  priorities: ['low', 'medium', 'high', 'urgent'],
  intensities: ['low', 'moderate', 'high', 'very high'],
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  vehicleManufacturers: uniq(d.vehicle.manufacturer ?? []),
  vehicleModels: uniq(d.vehicle.model ?? []),
  vehicleTypes: uniq(d.vehicle.type ?? []),
  fuelTypes: uniq(d.vehicle.fuel ?? []),
  animalTypes: uniq(d.animal.type ?? []),
  petNames: uniq(d.animal.pet_name ?? []),
  colorNames: uniq(d.color?.human ?? []),
  teamCreatures: uniq((d.team.creature ?? []) as readonly string[]),
  appNames: uniq((d.app.name ?? []) as readonly string[]),

  // Education
  subjects: [
    'Mathematics', 'Science', 'English', 'History', 'Geography', 'Physics', 'Chemistry', 'Biology',
    'Information Technology', 'Art', 'Music', 'Drama', 'Physical Education', 'Health Science',
    'Commerce', 'Accounting', 'Economics', 'Business Studies', 'Literature', 'Sinhala', 'Tamil',
    'Buddhism', 'Christianity', 'Islam', 'Hinduism', 'Civic Education', 'Agriculture', 'Engineering Technology',
    'Combined Mathematics', 'Political Science', 'Logic', 'French', 'German', 'Japanese', 'Dancing',
    'Computer Science', 'Statistics', 'Psychology', 'Sociology', 'Environmental Science', 'Spanish', 'Design and Technology',
  ],
  subjectCodes: ['MATH', 'SCI', 'ENG', 'HIST', 'GEO', 'PHY', 'CHEM', 'BIO', 'ICT', 'ART', 'MUS', 'PE', 'ECON', 'ACC', 'BUS', 'LIT', 'FRE', 'GER', 'CS', 'STAT'],
  letterGrades: ['A', 'B', 'C', 'D', 'E', 'F'],
  fineLetterGrades: ['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D', 'F'],
  examGrades: ['A', 'B', 'C', 'S', 'W'],
  educationLevels: ['Primary', 'Junior Secondary', 'Senior Secondary', 'Advanced Level', 'Ordinary Level', 'Kindergarten', 'Middle School', 'High School'],
  streams: ['Science', 'Commerce', 'Arts', 'Technology', 'Mathematics', 'Humanities', 'Vocational'],
  mediums: ['English', 'Sinhala', 'Tamil'],
  qualifications: ['B.Sc. in Mathematics', 'B.A. in English', 'B.Ed. in Primary Education', 'M.Sc. in Physics', 'M.Ed.', 'PGDE', 'Diploma in Teaching', 'B.Sc. in Computer Science', 'M.A. in History', 'PhD in Chemistry', 'B.Com.', 'Certificate in Sports Coaching', 'NVQ Level 4', 'B.Sc. in Biology', 'MBA'],
  qualificationTypes: ['degree', 'diploma', 'certificate', 'postgraduate', 'professional'],
  lessonTopics: ['Fractions and Decimals', 'The Water Cycle', 'Photosynthesis', 'Newton\'s Laws of Motion', 'Linear Equations', 'The French Revolution', 'Poetry Analysis', 'Cell Structure', 'Probability', 'World War II', 'Chemical Bonding', 'Persuasive Writing', 'Ecosystems', 'Quadratic Functions', 'Map Reading', 'Electric Circuits', 'The Human Skeleton', 'Algebraic Expressions', 'Climate and Weather', 'Geometry of Shapes', 'Volleyball Fundamentals', 'Balance and Coordination', 'Aerobic Fitness', 'Team Sports Strategy', 'Healthy Lifestyle Choices'],
  assessmentTypes: ['quiz', 'test', 'exam', 'assignment', 'project', 'presentation', 'observation', 'practical'],
  examNames: ['First Term Test', 'Second Term Test', 'Third Term Test', 'Mid-Year Examination', 'Final Examination', 'Unit Test', 'Mock Examination', 'Entrance Test'],
  clubs: ['Chess Club', 'Debate Club', 'Science Society', 'Drama Club', 'Photography Club', 'Robotics Club', 'Environmental Club', 'Music Society', 'Art Club', 'Coding Club', 'Astronomy Club', 'Literary Society', 'Scouts', 'Girl Guides', 'Red Cross Society', 'Media Unit', 'Interact Club', 'Maths Olympiad Team'],
  schoolEvents: ['Annual Sports Meet', 'Prize Giving', 'Science Fair', 'Cultural Show', 'Parents\' Day', 'Open Day', 'Book Week', 'Art Exhibition', 'Music Concert', 'Inter-House Quiz', 'Career Fair', 'Founders\' Day', 'Drama Festival', 'Sports Day', 'Charity Walk', 'Graduation Ceremony'],
  awards: ['Gold Medal', 'Silver Medal', 'Bronze Medal', 'First Place', 'Second Place', 'Third Place', 'Certificate of Merit', 'Best Performer', 'Most Improved', 'Participation Certificate', 'Champion', 'Runner-up'],
  competitionLevels: ['school', 'zonal', 'district', 'provincial', 'national', 'international'],
  attendanceStatuses: ['present', 'absent', 'late', 'excused'],
  leaveTypes: ['annual', 'sick', 'casual', 'maternity', 'paternity', 'unpaid', 'study'],

  // Health and fitness
  bloodTypes: ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'],
  allergies: ['None', 'Peanuts', 'Tree nuts', 'Milk', 'Eggs', 'Shellfish', 'Fish', 'Soy', 'Wheat', 'Pollen', 'Dust mites', 'Penicillin', 'Bee stings', 'Latex', 'Cat dander'],
  medicalConditions: ['None', 'Asthma', 'Type 1 diabetes', 'Epilepsy', 'Eczema', 'ADHD', 'Migraine', 'Hypertension', 'Anaemia', 'Scoliosis', 'Mild hearing loss', 'Colour blindness', 'Dyslexia', 'Heart murmur'],
  medications: ['None', 'Salbutamol inhaler', 'Insulin', 'Cetirizine', 'Paracetamol as needed', 'Methylphenidate', 'EpiPen', 'Iron supplement', 'Ibuprofen as needed', 'Vitamin D'],
  injuries: ['Sprained ankle', 'Pulled hamstring', 'Shin splints', 'Tennis elbow', 'Lower back strain', 'Knee tendinitis', 'Shoulder impingement', 'Wrist sprain', 'Concussion', 'Blister', 'Muscle cramp'],
  exercises: ['Push-up', 'Squat', 'Lunge', 'Plank', 'Burpee', 'Deadlift', 'Bench Press', 'Pull-up', 'Jumping Jacks', 'Mountain Climber', 'Bicycle Crunch', 'Glute Bridge', 'Shoulder Press', 'Bicep Curl', 'Tricep Dip', 'Box Jump', 'Kettlebell Swing', 'Russian Twist', 'Side Plank', 'Wall Sit', 'High Knees', 'Jump Rope', 'Rowing', 'Calf Raise', 'Leg Raise', 'Superman', 'Bear Crawl', 'Step-up', 'Hundred', 'Roll Up', 'Single Leg Stretch', 'Swan', 'Teaser'],
  exerciseTypes: ['cardio', 'strength', 'flexibility', 'balance', 'endurance', 'mobility', 'plyometric'],
  muscleGroups: ['chest', 'back', 'shoulders', 'biceps', 'triceps', 'core', 'glutes', 'quadriceps', 'hamstrings', 'calves', 'full body'],
  equipment: ['None', 'Dumbbells', 'Kettlebell', 'Resistance band', 'Yoga mat', 'Pull-up bar', 'Bench', 'Barbell', 'Medicine ball', 'Jump rope', 'Foam roller', 'Stability ball', 'Reformer', 'Cones', 'Stopwatch', 'Basketballs', 'Football', 'Hurdles', 'Skipping ropes'],
  workouts: ['Full Body HIIT', 'Morning Mobility', 'Upper Body Strength', 'Leg Day', 'Core Crusher', '5K Run Prep', 'Beginner Circuit', 'Endurance Builder', 'Active Recovery', 'Tabata Blast', 'Stretch and Relax', 'Power Hour'],
  fitnessClasses: ['Morning Flow', 'Reformer Basics', 'Power Pilates', 'Core Strength', 'Mat Pilates', 'Yoga Stretch', 'Evening Unwind', 'Barre Fusion', 'Spin Express', 'HIIT 30', 'Prenatal Pilates', 'Mobility Lab', 'Advanced Reformer', 'Lunchtime Express', 'Weekend Warrior'],
  packages: ['Single Class', '5-Class Pack', '10-Class Pack', '20-Class Pack', 'Monthly Unlimited', 'Annual Membership', 'Intro Offer', 'Student Pass', 'Private Session', 'Duo Session Pack'],
  sports: ['Cricket', 'Football', 'Basketball', 'Volleyball', 'Netball', 'Rugby', 'Athletics', 'Swimming', 'Badminton', 'Table Tennis', 'Tennis', 'Hockey', 'Chess', 'Baseball', 'Softball', 'Gymnastics', 'Cycling', 'Karate', 'Wrestling', 'Handball'],
  sportPositions: ['Goalkeeper', 'Defender', 'Midfielder', 'Forward', 'Captain', 'Point Guard', 'Shooting Guard', 'Center', 'Wing', 'Setter', 'Libero', 'Batsman', 'Bowler', 'Wicketkeeper', 'All-rounder'],
  ageGroups: ['U9', 'U11', 'U13', 'U15', 'U17', 'U19', 'Open'],
  dishes: uniq(d.food.dish ?? []),
  ingredients: uniq(d.food.ingredient ?? []),
  fruits: uniq(d.food.fruit ?? []),
  vegetables: uniq(d.food.vegetable ?? []),
  mealTypes: ['breakfast', 'lunch', 'dinner', 'snack'],
  weather: ['sunny', 'cloudy', 'partly cloudy', 'rainy', 'windy', 'overcast', 'humid', 'clear'],

  // Music and media
  musicGenres: uniq(d.music.genre ?? []),
  albums: uniq(d.music.album ?? []),
  artists: uniq(d.music.artist ?? []),
  songs: uniq(d.music.song_name ?? []),
  mediaTypes: ['MPEG audio file', 'Protected AAC audio file', 'Protected MPEG-4 video file', 'Purchased AAC audio file', 'AAC audio file', 'FLAC audio file', 'WAV audio file', 'Ogg Vorbis audio file'],
  // Job titles as staff tables hold them: short, and the front-line roles first (most staff hold them).
  staffTitles: ['Sales Representative', 'Sales Support Agent', 'Customer Service Agent', 'Software Engineer', 'Accountant', 'IT Staff',
    'Sales Manager', 'Office Manager', 'Marketing Coordinator', 'HR Specialist', 'Account Executive', 'Data Analyst', 'Project Manager',
    'IT Manager', 'Operations Manager', 'Financial Analyst', 'Administrative Assistant', 'Product Manager', 'Warehouse Clerk', 'Receptionist',
    'Marketing Manager', 'Finance Manager', 'General Manager', 'Chief Executive Officer'],
  // Collections are named like people name folders: one word, a word and a number, a phrase.
  playlists: ['Favorites', 'Workout', 'Chill', 'Classics', 'Summer', 'Party', 'Focus', 'Jazz', 'Acoustic', 'Soundtracks', 'Podcasts', 'Audiobooks', 'Live',
    'Top 50', 'Top 100', '90s Rock', '80s Hits', 'Summer 2023', 'Hits 2024', 'Mix 1', 'Mix 2', 'Best of 2022', 'Vol. 3',
    'Road Trip', 'Morning Run', 'Rainy Day', 'Deep Sleep', 'Sunday Brunch', 'Throwback Hits', 'Indie Discoveries', 'Songs for the Car', 'Music to Study To', 'On Repeat'],
  filmGenres: ['Action', 'Animation', 'Children', 'Classics', 'Comedy', 'Documentary', 'Drama', 'Family', 'Foreign', 'Games', 'Horror', 'Music', 'New', 'Sci-Fi', 'Sports', 'Travel'],
  filmWords: ['Silent', 'Harbor', 'Midnight', 'Echo', 'Golden', 'River', 'Shadow', 'Summer', 'Storm', 'Crimson', 'Garden', 'Frontier', 'Paper', 'Moon', 'Last', 'Wild', 'Glass', 'Northern', 'Secret', 'Iron', 'Blue', 'Falcon', 'Desert', 'Winter'],
  bookTitles: uniq(d.book.title ?? []),
  bookGenres: uniq(d.book.genre ?? []),
  bookPublishers: uniq(d.book.publisher ?? []),
  bookAuthors: uniq(d.book.author ?? []),
  bookFormats: uniq(d.book.format ?? []),
  bookSeries: uniq(d.book.series ?? []),
};

/** Real bcrypt hashes ($2b$, cost 10) of DEV_PASSWORD with different salts, made once with
 *  libxcrypt: `perl -e 'print crypt("seedbed-dev-password", "\$2b\$10\$<22 salt chars>")'`.
 *  Every one verifies against DEV_PASSWORD; nothing hashes per row. */
export const DEV_PASSWORD_BCRYPT = [
  '$2b$10$OLDr/2jbIrWZZjaGUC9t9.vpZmtdzXLlZjO/IqJsdyKlsG3M0CWne',
  '$2b$10$.f0KawmkPHCF/kh0QY9jDOOeq/b2OMsa8bEkPDRCHniV4X9TBPZX6',
  '$2b$10$mnynOvCMnZyqPlnQmxWAIuUqZ5O0yuWiN09Z1aLdejYNUZ/BGUGpG',
  '$2b$10$hHtkLVgDyY34FPBXHodi6uMUBXpUeBD4OzeXd3kTzrsYarGyJAf2G',
  '$2b$10$geymO01I7eZI.yPJfOgVre4Or0ckYXbX2XdTtnkAymrrR2h1sXS2i',
  '$2b$10$CYc9u304gPlSNzdD0D.tSuIlbe6UialTZc6tHnmBYzH1/X3So6iU6',
  '$2b$10$tEl8vajDnpG1Z.HBrD3k7OHIzO0JXFM3EpzIl3u4V8fOiPcR701oC',
  '$2b$10$MBJ9mov0UnUOP3tZ.eBP1.fVtJSxkcbBzpVeWhAUPV57.9F2q2bze',
];
/** For password columns too short for bcrypt (< 60 characters): hex digests of DEV_PASSWORD. */
export const DEV_PASSWORD_SHA256 = createHash('sha256').update(DEV_PASSWORD).digest('hex');
export const DEV_PASSWORD_SHA1 = createHash('sha1').update(DEV_PASSWORD).digest('hex');

for (const [k, v] of Object.entries(pools)) {
  if (!v.length) throw new Error(`value pool ${k} is empty (faker locale data missing?)`);
}
