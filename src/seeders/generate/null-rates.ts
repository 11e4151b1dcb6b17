import type { ColumnInfo, TableInfo } from '../schema/model.ts';
import { STAFF_TABLES, snake } from './rules/kit.ts';

// How often a nullable column is NULL, by what it holds (real data, not the schema, decides:
// ORMs declare most columns nullable). Decided once per column at plan time; a rule's own
// nullRate and the config's nullRate come first.
// - Names, titles and labels are almost never NULL (a nullable artist name is set in every real
//   row); so are the street, city and country of an address and a foreign key named after its
//   parent (album_id), which real rows nearly always set.
// - Optional extras are mostly NULL: fax, a second address line, a middle name, a suffix, the
//   original_* / previous_* / alternate_* of something, a company beside a person's name.
// - A state or region is often NULL: many countries' addresses have none (in an address, the
//   one-place fix-up in coherence.ts decides it from the country).
// - A staff table is an organisation's own records: phones, fax, dates of birth and hire, job
//   title are on file (a fax there is the office's).

/** Mostly NULL (the share below). */
const OPTIONAL = /(^|_)(fax|fax_number|telefax|address_?2|address_line_?2|addr_?2|line_?2|street_?2|middle_name|middle_initial|second_name|name_suffix|suffix|nickname|maiden_name)$|^(original|previous|alternate|alt|secondary|former)_/;
export const OPTIONAL_NULL_RATE = 0.75;
const PERSON = /^(first_?name|last_?name|given_?name|family_?name|surname)$/;
/** Names, titles and labels. */
const LABEL = /^(name|title|label|caption|display_name|full_name|first_name|last_name|given_name|family_name|surname|forename)$|_(name|title)$/;
/** Parts of an address that real rows set. */
const ADDRESS = /(^|_)(address|address_?1|address_line_?1|street|street_address|city|town|country|country_name)$/;
const REGION = /(^|_)(state|province|region|state_province|county)$/;
export const REGION_NULL_RATE = 0.3;
/** Foreign keys to an optional relation: NULL as often as any other column. */
const OPTIONAL_FK = /^(parent|original|previous|replaced|replacement|merged|assigned|approved|reviewed|reviewer|deleted|updated|modified|closed|cancelled|canceled|referred|referrer|referral|coupon|promo|discount|voucher|invited|manager|supervisor|mentor|backup|alternate|alt|secondary|last|next|prev)(_|$)|_by(_id)?$/;
export const FK_NULL_RATE = 0.03;

/** What an organisation keeps on file for its staff: contact details, dates of birth and hire, job title. */
const STAFF_RECORD = /(^|_)(phone|fax|mobile|telephone|tel|cell|email|extension|ext|birth_?date|date_of_birth|dob|hire_?date|hired_(at|on)|date_of_hire|title|job_title|position|department)$/;
export const STAFF_NULL_RATE = 0.02;

/** The share of NULLs a nullable value column gets by what its name says, if it says. */
export function valueNullRate(table: TableInfo, column: ColumnInfo): number | undefined {
  const n = snake(column.name);
  // A company's own staff have office phones and faxes on file, as customers do not.
  if (STAFF_TABLES.test(snake(table.name)) && STAFF_RECORD.test(n)) return STAFF_NULL_RATE;
  if (OPTIONAL.test(n)) return OPTIONAL_NULL_RATE;
  // `company` on a row that names a person: most people are customers on their own.
  if (/^(company|company_name|organization|organisation|employer)$/.test(n) && table.columns.some((c) => PERSON.test(snake(c.name)))) return 0.7;
  if (LABEL.test(n) && !/(^|_)(user|nick|middle|maiden|file|host|domain|display)_name$/.test(n)) return 0;
  if (REGION.test(n)) return REGION_NULL_RATE;
  if (ADDRESS.test(n)) return 0.01;
  return undefined;
}

/** The share of NULLs of a nullable foreign key (not a tree's parent, which has its own roots). */
export function fkNullRate(columns: string[]): number | undefined {
  return columns.some((c) => OPTIONAL_FK.test(snake(c))) ? undefined : FK_NULL_RATE;
}
