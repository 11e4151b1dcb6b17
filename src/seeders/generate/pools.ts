import { faker } from '@faker-js/faker/locale/en';

// Realistic value pools taken straight from faker's English locale data: indexing an array
// with our own PRNG is ~10x faster than a seeded faker call and is reproducible byte for byte.

const d = faker.definitions;
const uniq = (xs: readonly string[]) => [...new Set(xs)];

export const pools = {
  firstNames: uniq(d.person.first_name!.generic ?? []),
  femaleFirstNames: uniq(d.person.first_name!.female ?? []),
  maleFirstNames: uniq(d.person.first_name!.male ?? []),
  lastNames: uniq(d.person.last_name!.generic ?? []),
  namePrefixes: uniq(d.person.prefix!.generic ?? []),
  jobTypes: uniq(d.person.job_type ?? []),
  jobAreas: uniq(d.person.job_area ?? []),
  jobDescriptors: uniq(d.person.job_descriptor ?? []),
  cities: uniq(d.location.city_name ?? []),
  states: uniq(d.location.state ?? []),
  stateAbbr: uniq(d.location.state_abbr ?? []),
  countries: uniq(d.location.country ?? []),
  countryCodes: uniq((d.location.country_code ?? []).map((c) => c.alpha2)),
  streetSuffixes: uniq(d.location.street_suffix ?? []),
  timeZones: uniq((d.location.time_zone ?? []) as readonly string[]),
  companySuffixes: uniq((d.company.legal_entity_type ?? []) as readonly string[]),
  companyAdjectives: uniq(d.company.adjective ?? []),
  companyNouns: uniq(d.company.noun ?? []),
  departments: uniq(d.commerce.department ?? []),
  productAdjectives: uniq(d.commerce.product_name?.adjective ?? []),
  productMaterials: uniq(d.commerce.product_name?.material ?? []),
  productNouns: uniq(d.commerce.product_name?.product ?? []),
  words: uniq(d.lorem.word ?? []),
  colors: uniq(d.color?.human ?? []),
  domains: ['example.com', 'example.org', 'example.net', 'mail.test', 'school.test', 'corp.test'],
  currencies: ['USD', 'EUR', 'GBP', 'JPY', 'INR', 'LKR', 'AUD', 'CAD', 'CHF', 'SGD'],
  subjects: [
    'Mathematics', 'Science', 'English', 'History', 'Geography', 'Physics', 'Chemistry', 'Biology',
    'Information Technology', 'Art', 'Music', 'Drama', 'Physical Education', 'Health Science',
    'Commerce', 'Accounting', 'Economics', 'Business Studies', 'Literature', 'Sinhala', 'Tamil',
    'Buddhism', 'Christianity', 'Islam', 'Hinduism', 'Civic Education', 'Agriculture', 'Engineering Technology',
    'Combined Mathematics', 'Political Science', 'Logic', 'French', 'German', 'Japanese', 'Dancing',
  ],
};

for (const [k, v] of Object.entries(pools)) {
  if (!v.length) throw new Error(`faker locale data has no values for ${k}`);
}
