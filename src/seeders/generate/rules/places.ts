import { pools as P } from '../pools.ts';
import type { Rng } from '../prng.ts';
import {
  FRACTION, INT, JSONK, NUM, TEXT, choice, digits, ends, exact, gen, int, letters, maxLen, num, pick, pool, tables, type ColumnFacts, snake, type Rule,
} from './kit.ts';
import { streetAddress } from './text.ts';
import { PLACE_COUNTRIES } from '../place-pool.ts';

// Addresses and places: streets, cities, states, postcodes, countries, coordinates, time zones,
// venues and rooms. `cities.name`, `city.city` (pagila) and `countries.name` take their context
// from the table.

/** Tables where `state` is a workflow state, not a place. */
const NOT_PLACE_STATE = /^(?!.*(oauth|auth|flow|workflow|job|task|circuit|breaker|pipeline|sync|machine|process|session|game|order|ticket|request|relay|challenge|import|export|queue|run)).*$/;

function postcode(f: ColumnFacts) {
  if (f.column.kind !== 'text') return int(10000, 99999);
  const max = maxLen(f);
  if (max >= 10) return gen((r) => (r.float() < 0.8 ? digits(r, 5) : `${digits(r, 5)}-${digits(r, 4)}`));
  return gen((r) => digits(r, Math.min(5, max)));
}

function coordinates(f: ColumnFacts) {
  // Whole degrees and 5 decimal digits printed separately: no float-to-text per value.
  const lat = (r: Rng) => `${r.int(-59, 74)}.${digits(r, 5)}`;
  const lng = (r: Rng) => `${r.int(-179, 179)}.${digits(r, 5)}`;
  if (f.column.kind === 'json') return gen((r) => `{"lat":${lat(r)},"lng":${lng(r)}}`);
  return gen((r) => `${lat(r)},${lng(r)}`);
}

export const placeRules: Rule[] = [
  // ── Table context ─────────────────────────────────────────────────────────────────────
  {
    id: 'place.city.context',
    column: exact('name', 'city', 'city_name', 'town', 'title'),
    table: tables('city', 'cities', 'towns?', 'municipalit(y|ies)'),
    kinds: TEXT,
    make: (f) => pool(f, P.cities),
    doc: '`name` in a cities table, and pagila `city.city`: a city.',
    example: 'city.city TEXT',
  },
  {
    id: 'place.country.context',
    column: exact('name', 'country', 'country_name', 'title', 'common_name'),
    table: tables('country', 'countries', 'nations?'),
    kinds: TEXT,
    make: (f) => pool(f, P.countries),
    doc: '`name` in a countries table: a country name.',
    example: 'countries.name TEXT',
  },
  {
    id: 'place.state.context',
    column: exact('name', 'state', 'state_name', 'province', 'region'),
    table: tables('states', 'provinces?', 'regions?'),
    kinds: TEXT,
    make: (f) => pool(f, P.states),
    doc: '`name` in a states/provinces/regions table.',
    example: 'states.name TEXT',
  },
  // ── Columns ───────────────────────────────────────────────────────────────────────────
  {
    id: 'place.street',
    column: /^(address|street|street_address|street_name|street_line|address_line_?1|address1|addr|addr1|line1|address_1|home_address|residential_address|postal_address|mailing_address|permanent_address|current_address|billing_address|shipping_address|delivery_address|school_address|office_address|work_address|business_address|venue_address|location_address|pickup_address)$|_(street|street_address|address_line_?1)$|^(ship|bill|ship_to|bill_to|shipto|billto|invoice|return|dropoff|destination|origin|customer|contact)_(address|address1|addr)$/,
    kinds: TEXT,
    make: (f) => gen((r) => { const s = streetAddress(r); return s.length <= maxLen(f) ? s : `${r.int(1, 99)} ${pick(r, P.streetSuffixes)}`.slice(0, maxLen(f)); }),
    doc: 'Street addresses "742 Evergreen Terrace" (building number + faker street name).',
    example: 'Customer.Address NVARCHAR(70)',
  },
  {
    id: 'place.secondaryAddress',
    column: exact('address_line_?2', 'address2', 'addr2', 'line2', 'address_2', 'apartment', 'apt', 'suite', 'unit_number', 'flat', 'flat_number', 'apartment_number'),
    kinds: TEXT,
    make: () => gen((r) => (r.float() < 0.6 ? `Apt. ${r.int(1, 999)}` : `Suite ${r.int(100, 999)}`)),
    doc: 'Second address line: Apt. 12, Suite 300.',
    example: 'addresses.address2 TEXT',
  },
  {
    id: 'place.city',
    column: ends('city', 'town', 'city_name', 'town_name', 'municipality', 'hometown', 'birth_city', 'place_of_birth', 'birthplace'),
    kinds: TEXT,
    make: (f) => pool(f, P.cities),
    doc: 'City names (faker en).',
    example: 'Invoice.BillingCity NVARCHAR(40)',
  },
  {
    id: 'place.district',
    column: ends('district', 'county', 'borough', 'suburb', 'neighborhood', 'neighbourhood', 'zone', 'ward', 'parish'),
    kinds: TEXT,
    make: (f) => pool(f, P.counties),
    doc: 'Districts and counties (faker en counties).',
    example: 'address.district TEXT',
  },
  {
    id: 'place.stateCode',
    column: exact('state_code', 'state_abbr', 'state_abbreviation', 'province_code', 'region_code', 'us_state'),
    kinds: TEXT,
    make: (f) => choice(f, P.stateAbbr),
    doc: 'Two-letter state codes.',
    example: 'addresses.state_code CHAR(2)',
  },
  {
    id: 'place.state',
    column: ends('state', 'province', 'region', 'state_name', 'province_name', 'prefecture', 'state_province'),
    table: NOT_PLACE_STATE,
    kinds: TEXT,
    make: (f) => (maxLen(f) <= 3 || /(^|_)state$/.test(snake(f.column.name)) ? choice(f, P.stateAbbr) : pool(f, P.states)),
    doc: 'States/provinces: codes (CA, NY) in a `state` column or one of 2–3 characters, names in `province`, `region`, `state_name`; not in workflow tables (oauth flows, jobs, sessions), where `state` is a status.',
    example: 'Invoice.BillingState NVARCHAR(40)',
  },
  {
    // An address part, even in an order or request table (where a bare `state` is a status).
    id: 'place.addressState',
    column: /(^|_)(billing|shipping|ship|bill|mailing|delivery|home|work|business|residential|postal|pickup|dropoff|origin|destination)_(state|province|region|state_province)$/,
    kinds: TEXT,
    make: (f) => (maxLen(f) <= 3 || /(^|_)state$/.test(snake(f.column.name)) ? choice(f, P.stateAbbr) : pool(f, P.states)),
    doc: 'The state/province of an address (`shipping_state`: a code, `billing_province`: a name), in any table.',
    example: 'orders.shipping_state VARCHAR(40)',
  },
  {
    id: 'place.postcode',
    column: ends('zip', 'zip_code', 'zipcode', 'postal_code', 'postcode', 'post_code', 'postal', 'pin_code', 'pincode', 'postalcode'),
    kinds: [...TEXT, ...INT],
    make: postcode,
    doc: 'Postcodes: 5 digits, sometimes ZIP+4; `zip` and `zip_code` alike; a number in an integer column.',
    example: 'Customer.PostalCode NVARCHAR(10)',
  },
  {
    id: 'place.countryCode',
    column: /^(country_code|country_iso|iso_country|country_iso_code|iso2|iso3|iso_code|country_alpha2|country_alpha3|nationality_code|country_abbr|cc)$|_country_code$/,
    kinds: TEXT,
    make: (f) => (maxLen(f) === 3 || /3$/.test(f.column.name) ? choice(f, P.countryAlpha3) : choice(f, P.countryAlpha2)),
    doc: 'ISO 3166 country codes: alpha-2 (US), alpha-3 (USA) in three-character columns.',
    example: 'users.country_code CHAR(2)',
  },
  {
    id: 'place.country',
    column: ends('country', 'country_name', 'nation', 'country_of_birth', 'country_of_residence', 'home_country', 'origin_country'),
    kinds: TEXT,
    make: (f) => (maxLen(f) === 2 ? choice(f, P.countryAlpha2) : maxLen(f) === 3 ? choice(f, P.countryAlpha3) : pool(f, PLACE_COUNTRIES)),
    doc: 'Country names as addresses write them (USA, Canada, Brazil), populous countries more often (or ISO codes when the column holds 2–3 characters).',
    example: 'Customer.Country NVARCHAR(40)',
  },
  {
    id: 'place.continent',
    column: ends('continent', 'continent_name'),
    kinds: TEXT,
    make: (f) => choice(f, P.continents),
    doc: 'Continents.',
    example: 'countries.continent TEXT',
  },
  {
    id: 'place.latitude',
    column: ends('lat', 'latitude', 'geo_lat', 'lat_deg'),
    kinds: NUM,
    make: (f) => num(f, -60, 75, 6),
    doc: 'Latitudes −60…75 with 6 decimals (whole degrees in an integer column).',
    example: 'venues.latitude REAL',
  },
  {
    id: 'place.longitude',
    column: ends('lng', 'lon', 'long', 'longitude', 'geo_lng', 'lng_deg'),
    kinds: NUM,
    make: (f) => num(f, -180, 180, 6),
    doc: 'Longitudes −180…180 with 6 decimals.',
    example: 'venues.longitude REAL',
  },
  {
    id: 'place.coordinates',
    column: exact('coordinates', 'coords', 'geo', 'geolocation', 'geo_location', 'location_coordinates', 'lat_lng', 'latlng', 'gps', 'position_gps'),
    kinds: [...TEXT, ...JSONK],
    make: coordinates,
    doc: '"lat,lng" text, or {"lat":…,"lng":…} in a JSON column.',
    example: 'venues.coordinates TEXT',
  },
  {
    id: 'place.timeZone',
    column: ends('time_?zone', 'tz', 'timezone_name', 'tz_name', 'iana_timezone', 'olson_timezone', 'user_timezone'),
    kinds: TEXT,
    make: (f) => choice(f, P.timeZones),
    doc: 'IANA time zones (Europe/London, Asia/Colombo …).',
    example: 'users.timezone TEXT',
  },
  {
    id: 'place.shelf',
    column: ends('shelf', 'shelf_location', 'shelf_number', 'shelf_no', 'rack', 'rack_number', 'bin_location', 'storage_bin', 'aisle_location', 'storage_location_code', 'locker', 'locker_number'),
    kinds: TEXT,
    make: (f) => gen((r) => `${letters(r, 1)}${r.int(1, 12)}-${r.int(1, 6)}`.slice(0, maxLen(f))),
    doc: 'Shelf/rack/locker positions "B7-3".',
    example: 'library_books.shelf_location VARCHAR(20)',
  },
  {
    id: 'place.venue',
    column: /^(venue|venue_name|location|location_name|place|place_name|meeting_place|meeting_location|event_location|site|site_name|facility|facility_name|location_found|room_assignment|pickup_location|assembly_point)$|_(venue|location)$/,
    kinds: TEXT,
    make: (f) => pool(f, P.venues),
    doc: 'Venues and locations: Main Hall, Gymnasium, Science Lab, Studio 1 …',
    example: 'activities.venue VARCHAR(150)',
  },
  {
    id: 'place.room',
    column: ends('room', 'room_number', 'room_no', 'room_name', 'classroom', 'room_code', 'office_number', 'office', 'cabin', 'lab', 'hall'),
    kinds: TEXT,
    make: (f) => (maxLen(f) >= 5 ? gen((r) => `${pick(r, ['A', 'B', 'C', 'D', 'E'])}-${r.int(1, 3)}${digits(r, 2)}`) : gen((r) => String(r.int(1, 10 ** Math.min(4, maxLen(f)) - 1)))),
    doc: 'Room numbers "B-204".',
    example: 'classes.room_number VARCHAR(10)',
  },
  {
    id: 'place.roomNumber.int',
    column: ends('room', 'room_number', 'room_no', 'floor', 'floor_number', 'level_floor'),
    kinds: INT,
    make: (f) => (/floor/.test(f.column.name.toLowerCase()) ? int(0, 12) : int(1, 450)),
    doc: 'Integer room numbers (1–450) and floors (0–12).',
    example: 'bookings.room_number INTEGER',
  },
  {
    id: 'place.building',
    column: exact('building', 'building_name', 'wing', 'block_name', 'campus', 'campus_name'),
    kinds: TEXT,
    make: (f) => pool(f, P.buildings),
    doc: 'Building names: Main Building, North Wing, Science Block …',
    example: 'rooms.building TEXT',
  },
  {
    id: 'place.altitude',
    column: ends('altitude', 'elevation', 'altitude_m', 'elevation_m'),
    kinds: NUM,
    make: (f) => num(f, 0, 3000, 1),
    doc: 'Altitudes in metres 0–3000.',
    example: 'venues.elevation REAL',
  },
  {
    id: 'place.areaSize',
    column: ends('area_sqm', 'square_meters', 'square_feet', 'sq_ft', 'floor_area', 'area_m2', 'size_sqm'),
    kinds: [...FRACTION, ...INT],
    make: (f) => num(f, 10, 2000, 1),
    doc: 'Floor areas 10–2000.',
    example: 'rooms.area_sqm REAL',
  },
];
