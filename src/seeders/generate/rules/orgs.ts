import { pools as P } from '../pools.ts';
import { TEXT, cap, choice, ends, exact, fitted, gen, maxLen, pick, pool, tables, type Rule } from './kit.ts';
import { companyName, schoolName } from './text.ts';

// Organisations: companies, schools, departments, teams, industries, roles and permissions.


export const orgRules: Rule[] = [
  // ── Table context ─────────────────────────────────────────────────────────────────────
  {
    id: 'org.school.context',
    column: exact('name', 'school_name', 'title', 'display_name', 'institution_name'),
    table: tables('schools?', 'colleges?', 'universit(y|ies)', 'academ(y|ies)', 'institutes?', 'institutions?', 'previous_schools?'),
    kinds: TEXT,
    make: fitted(schoolName),
    doc: '`name` in a schools/colleges table: "Greenwood High School".',
    example: 'schools.name TEXT',
  },
  {
    id: 'org.company.context',
    column: exact('name', 'company_name', 'organization_name', 'organisation_name', 'display_name', 'legal_name', 'title', 'business_name', 'trading_name'),
    table: tables('compan(y|ies)', 'organi[sz]ations?', 'orgs?', 'vendors?', 'suppliers?', 'providers?', 'sponsors?', 'manufacturers?', 'businesses', 'business', 'firms?', 'partners?', 'agenc(y|ies)', 'merchants?', 'employers?', 'tenants?', 'insurers?', 'banks?', 'carriers?', 'brands?', 'stores?', 'shops?'),
    kinds: TEXT,
    make: fitted(companyName),
    doc: '`name` in a companies/vendors/suppliers/… table: "Kuhn & Sons", "Walsh Solutions LLC".',
    example: 'vendors.name TEXT',
  },
  {
    id: 'org.department.context',
    column: exact('name', 'department_name', 'title', 'dept_name'),
    table: tables('departments?', 'depts?', 'divisions?', 'staff_departments?', 'faculties', 'faculty_departments?'),
    kinds: TEXT,
    make: (f) => pool(f, P.orgDepartments),
    doc: '`name` in a departments table: Finance, Human Resources, Mathematics …',
    example: 'staff_departments.name VARCHAR(100)',
  },
  {
    id: 'org.team.context',
    column: exact('name', 'team_name', 'title'),
    table: tables('teams?', 'squads?', 'sport_teams?', 'houses?', 'crews?'),
    kinds: TEXT,
    make: fitted((r) => (r.float() < 0.5 ? `${pick(r, P.ageGroups)} ${pick(r, P.sports)} Team` : `${pick(r, P.schoolNameParts)} ${cap(pick(r, P.teamCreatures))}`)),
    doc: '`name` in a teams table: "U15 Cricket Team", "Riverside Falcons".',
    example: 'sport_teams.name VARCHAR(100)',
  },
  {
    id: 'org.permission.context',
    column: exact('name', 'permission', 'permission_name', 'code', 'key', 'slug', 'action'),
    table: tables('permissions?', 'role_permissions?', 'user_permissions?', 'user_set_permissions?', 'abilities', 'privileges?', 'scopes?'),
    kinds: TEXT,
    make: (f) => pool(f, P.permissions),
    doc: '`name` in a permissions table: users:read, grades:write …',
    example: 'permissions.name TEXT',
  },
  // ── Columns ───────────────────────────────────────────────────────────────────────────
  {
    id: 'org.school',
    column: exact('school', 'school_name', 'previous_school', 'institution', 'institution_name', 'university', 'college', 'alma_mater', 'school_attended', 'last_school', 'former_school', 'awarding_institution', 'university_name', 'college_name'),
    kinds: TEXT,
    make: fitted(schoolName),
    doc: 'School and institution names: "Hillcrest Academy", "St. Mary\'s College".',
    example: 'staff_employment_history.previous_school VARCHAR(200)',
  },
  {
    id: 'org.company',
    column: /^(company|company_name|organization|organisation|organization_name|organisation_name|org_name|employer|employer_name|vendor|vendor_name|supplier|supplier_name|manufacturer|sponsor|sponsor_name|organizer|organiser|organizer_name|issuing_organization|issuing_organisation|issuing_body|issuer_name|provider_name|agency|agency_name|firm|business_name|merchant|merchant_name|payee|payee_name|payer|payer_name|client_name|partner_name|insurer|insurance_provider|insurance_company|bank|bank_name|carrier|carrier_name|brand_owner|host_organization|affiliation|club_affiliation)$/,
    kinds: TEXT,
    make: fitted(companyName),
    doc: 'Company names for employer, vendor, supplier, sponsor, organizer, bank …',
    example: 'Customer.Company NVARCHAR(80)',
  },
  {
    id: 'org.department',
    column: exact('department', 'department_name', 'dept', 'dept_name', 'division', 'division_name', 'faculty_name', 'business_unit', 'cost_center', 'cost_centre', 'section_department'),
    kinds: TEXT,
    make: (f) => pool(f, P.orgDepartments),
    doc: 'Departments of an organisation: Finance, IT, Academic Affairs, Physical Education …',
    example: 'employees.department TEXT',
  },
  {
    id: 'org.industry',
    column: exact('industry', 'sector', 'business_type', 'vertical', 'industry_name', 'market_sector'),
    kinds: TEXT,
    make: (f) => choice(f, P.industries),
    doc: 'Industries: Education, Healthcare, Finance, Retail …',
    example: 'companies.industry TEXT',
  },
  {
    id: 'org.team',
    column: exact('team', 'team_name', 'squad', 'house', 'house_name', 'crew', 'squad_name'),
    kinds: TEXT,
    make: fitted((r) => `${pick(r, P.schoolNameParts)} ${cap(pick(r, P.teamCreatures))}`),
    doc: 'Team/house names: "Kingsway Eagles".',
    example: 'players.team_name TEXT',
  },
  {
    id: 'org.permission',
    column: exact('permission', 'permission_name', 'permission_key', 'privilege', 'ability', 'capability'),
    kinds: TEXT,
    make: (f) => pool(f, P.permissions),
    doc: 'Permission names resource:action (users:read, grades:write, admin:all).',
    example: 'role_grants.permission TEXT',
  },
  {
    id: 'org.scope',
    column: exact('scope', 'scopes', 'oauth_scope', 'granted_scopes'),
    kinds: TEXT,
    make: (f) => {
      const max = maxLen(f);
      const list = gen((r) => { let s = 'openid'; const n = r.int(0, 3); for (let i = 0; i < n; i++) s += ' ' + pick(r, P.scopes); return s.length <= max ? s : s.slice(0, max); });
      return { ...list, item: pool(f, ['openid', ...P.scopes]) };
    },
    doc: 'OAuth scope lists "openid profile email" (one scope each in an array column).',
    example: 'oauth_consents.scopes TEXT',
  },
  {
    id: 'org.slogan',
    column: exact('slogan', 'motto', 'tagline', 'catch_phrase', 'catchphrase', 'mission', 'mission_statement', 'vision', 'vision_statement', 'value_proposition'),
    kinds: TEXT,
    make: fitted((r) => `${cap(pick(r, P.buzzVerbs))} ${pick(r, P.buzzAdjectives)} ${pick(r, P.buzzNouns)}`),
    doc: 'Slogans and taglines: "Streamline scalable platforms".',
    example: 'companies.tagline TEXT',
  },
  {
    id: 'org.accessLevel',
    column: exact('access_level', 'permission_level', 'clearance', 'clearance_level', 'access_role', 'privilege_level', 'access_type'),
    kinds: TEXT,
    make: (f) => choice(f, ['viewer', 'editor', 'admin', 'owner']),
    doc: 'Access levels: viewer, editor, admin, owner.',
    example: 'shared_resources.access_level VARCHAR(20)',
  },
  {
    id: 'org.visibility',
    column: ends('visibility', 'privacy', 'privacy_level', 'sharing_scope', 'sharing_type', 'share_type', 'audience', 'visibility_level', 'sharing_level'),
    kinds: TEXT,
    make: (f) => choice(f, ['public', 'private', 'team', 'unlisted']),
    doc: 'Visibility/sharing: public, private, team, unlisted.',
    example: 'documents.visibility TEXT',
  },
];
