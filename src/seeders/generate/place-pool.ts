// Real places, one row each: a city, its state/region (name and code), its country (name as in
// faker's list, ISO alpha-2 and alpha-3), the shape of its postcodes, approximate coordinates and
// its IANA time zone. coherence.ts picks one place per row and fills every address column of a
// group (city, state, postcode, country, lat/lng, time zone) from it, so they belong together.
//
// Postcode patterns: `#` a digit, `@` an upper-case letter, anything else literal.

export interface Place {
  /** Its addresses write the state or province (US, Canada, Brazil …; most of Europe does not). */
  hasRegion: boolean;
  /** A phone number's shape there, international form: `#` a digit, `%` a digit 2–9. */
  phone: string;
  city: string;
  region: string;
  regionCode: string;
  country: string;
  alpha2: string;
  alpha3: string;
  postcode: string;
  lat: number;
  lng: number;
  timeZone: string;
}

// Every ISO 3166 country: alpha-2, alpha-3, then the name as faker's English list spells it.
const COUNTRY_TEXT = `
ADANDAndorra;AEAREUnited Arab Emirates;AFAFGAfghanistan;AGATGAntigua and Barbuda;AIAIAAnguilla;ALALBAlbania;
AMARMArmenia;AOAGOAngola;AQATAAntarctica;ARARGArgentina;ASASMAmerican Samoa;ATAUTAustria;AUAUSAustralia;
AWABWAruba;AXALAÅland Islands;AZAZEAzerbaijan;BABIHBosnia and Herzegovina;BBBRBBarbados;BDBGDBangladesh;
BEBELBelgium;BFBFABurkina Faso;BGBGRBulgaria;BHBHRBahrain;BIBDIBurundi;BJBENBenin;BLBLMSaint Barthélemy;
BMBMUBermuda;BNBRNBrunei Darussalam;BOBOLBolivia;BQBESBonaire, Sint Eustatius and Saba;BRBRABrazil;
BSBHSBahamas;BTBTNBhutan;BVBVTBouvet Island;BWBWABotswana;BYBLRBelarus;BZBLZBelize;CACANCanada;
CCCCKCocos (Keeling) Islands;CDCODDemocratic Republic of the Congo;CFCAFCentral African Republic;CGCOGCongo;
CHCHESwitzerland;CICIVCôte d'Ivoire;CKCOKCook Islands;CLCHLChile;CMCMRCameroon;CNCHNChina;COCOLColombia;
CRCRICosta Rica;CUCUBCuba;CVCPVCape Verde;CWCUWCuraçao;CXCXRChristmas Island;CYCYPCyprus;CZCZECzechia;
DEDEUGermany;DJDJIDjibouti;DKDNKDenmark;DMDMADominica;DODOMDominican Republic;DZDZAAlgeria;ECECUEcuador;
EEESTEstonia;EGEGYEgypt;EHESHWestern Sahara;ERERIEritrea;ESESPSpain;ETETHEthiopia;FIFINFinland;FJFJIFiji;
FKFLKFalkland Islands (Malvinas);FMFSMMicronesia;FOFROFaroe Islands;FRFRAFrance;GAGABGabon;GBGBRUnited Kingdom;
GDGRDGrenada;GEGEOGeorgia;GFGUFFrench Guiana;GGGGYGuernsey;GHGHAGhana;GIGIBGibraltar;GLGRLGreenland;
GMGMBGambia;GNGINGuinea;GPGLPGuadeloupe;GQGNQEquatorial Guinea;GRGRCGreece;
GSSGSSouth Georgia and the South Sandwich Islands;GTGTMGuatemala;GUGUMGuam;GWGNBGuinea-Bissau;GYGUYGuyana;
HKHKGHong Kong;HMHMDHeard Island and McDonald Islands;HNHNDHonduras;HRHRVCroatia;HTHTIHaiti;HUHUNHungary;
IDIDNIndonesia;IEIRLIreland;ILISRIsrael;IMIMNIsle of Man;ININDIndia;
IOIOTBritish Indian Ocean Territory (Chagos Archipelago);IQIRQIraq;IRIRNIran;ISISLIceland;ITITAItaly;
JEJEYJersey;JMJAMJamaica;JOJORJordan;JPJPNJapan;KEKENKenya;KGKGZKyrgyz Republic;KHKHMCambodia;KIKIRKiribati;
KMCOMComoros;KNKNASaint Kitts and Nevis;KPPRKDemocratic People's Republic of Korea;KRKORRepublic of Korea;
KWKWTKuwait;KYCYMCayman Islands;KZKAZKazakhstan;LALAOLao People's Democratic Republic;LBLBNLebanon;
LCLCASaint Lucia;LILIELiechtenstein;LKLKASri Lanka;LRLBRLiberia;LSLSOLesotho;LTLTULithuania;LULUXLuxembourg;
LVLVALatvia;LYLBYLibyan Arab Jamahiriya;MAMARMorocco;MCMCOMonaco;MDMDAMoldova;MEMNEMontenegro;
MFMAFSaint Martin;MGMDGMadagascar;MHMHLMarshall Islands;MKMKDNorth Macedonia;MLMLIMali;MMMMRMyanmar;
MNMNGMongolia;MOMACMacao;MPMNPNorthern Mariana Islands;MQMTQMartinique;MRMRTMauritania;MSMSRMontserrat;
MTMLTMalta;MUMUSMauritius;MVMDVMaldives;MWMWIMalawi;MXMEXMexico;MYMYSMalaysia;MZMOZMozambique;NANAMNamibia;
NCNCLNew Caledonia;NENERNiger;NFNFKNorfolk Island;NGNGANigeria;NINICNicaragua;NLNLDNetherlands;NONORNorway;
NPNPLNepal;NRNRUNauru;NUNIUNiue;NZNZLNew Zealand;OMOMNOman;PAPANPanama;PEPERPeru;PFPYFFrench Polynesia;
PGPNGPapua New Guinea;PHPHLPhilippines;PKPAKPakistan;PLPOLPoland;PMSPMSaint Pierre and Miquelon;
PNPCNPitcairn Islands;PRPRIPuerto Rico;PSPSEPalestine;PTPRTPortugal;PWPLWPalau;PYPRYParaguay;QAQATQatar;
REREURéunion;ROROURomania;RSSRBSerbia;RURUSRussian Federation;RWRWARwanda;SASAUSaudi Arabia;
SBSLBSolomon Islands;SCSYCSeychelles;SDSDNSudan;SESWESweden;SGSGPSingapore;SHSHNSaint Helena;SISVNSlovenia;
SJSJMSvalbard & Jan Mayen Islands;SKSVKSlovakia;SLSLESierra Leone;SMSMRSan Marino;SNSENSenegal;SOSOMSomalia;
SRSURSuriname;SSSSDSouth Sudan;STSTPSao Tome and Principe;SVSLVEl Salvador;SXSXMSint Maarten;
SYSYRSyrian Arab Republic;SZSWZEswatini;TCTCATurks and Caicos Islands;TDTCDChad;
TFATFFrench Southern Territories;TGTGOTogo;THTHAThailand;TJTJKTajikistan;TKTKLTokelau;TLTLSTimor-Leste;
TMTKMTurkmenistan;TNTUNTunisia;TOTONTonga;TRTURTurkey;TTTTOTrinidad and Tobago;TVTUVTuvalu;TWTWNTaiwan;
TZTZATanzania;UAUKRUkraine;UGUGAUganda;UMUMIUnited States Minor Outlying Islands;USUSAUnited States of America;
UYURYUruguay;UZUZBUzbekistan;VAVATHoly See (Vatican City State);VCVCTSaint Vincent and the Grenadines;
VEVENVenezuela;VGVGBVirgin Islands, British;VIVIRVirgin Islands, U.S.;VNVNMVietnam;VUVUTVanuatu;
WFWLFWallis and Futuna;WSWSMSamoa;YEYEMYemen;YTMYTMayotte;ZAZAFSouth Africa;ZMZMBZambia;ZWZWEZimbabwe;
`;

/** The short form addresses and customer tables write, for the official long names. */
const COMMON_NAMES: Record<string, string> = {
  'United States of America': 'USA', 'Russian Federation': 'Russia', 'Republic of Korea': 'South Korea',
  "Democratic People's Republic of Korea": 'North Korea', "Lao People's Democratic Republic": 'Laos',
  'Syrian Arab Republic': 'Syria', 'Libyan Arab Jamahiriya': 'Libya', 'Brunei Darussalam': 'Brunei', 'Czechia': 'Czech Republic',
  'Holy See (Vatican City State)': 'Vatican City', 'Kyrgyz Republic': 'Kyrgyzstan', 'Falkland Islands (Malvinas)': 'Falkland Islands',
  'British Indian Ocean Territory (Chagos Archipelago)': 'British Indian Ocean Territory', 'Virgin Islands, British': 'British Virgin Islands',
  'Virgin Islands, U.S.': 'US Virgin Islands', 'Svalbard & Jan Mayen Islands': 'Svalbard and Jan Mayen', 'Macao': 'Macau',
};

/** A country's name as people write it (USA, Russia, South Korea), from faker's official form. */
export const commonCountryName = (name: string): string => COMMON_NAMES[name] ?? name;

/** alpha-2 → [name, alpha-3]. */
const COUNTRIES = new Map<string, [name: string, alpha3: string]>(
  COUNTRY_TEXT.replace(/\n/g, '').split(';').filter(Boolean).map((x) => [x.slice(0, 2), [commonCountryName(x.slice(5)), x.slice(2, 5)]]),
);

// city | region | region code | country | postcode | lat | lng | time zone
const ROWS = `
New York|New York|NY|US|100##|40.7128|-74.0060|America/New_York
Buffalo|New York|NY|US|142##|42.8864|-78.8784|America/New_York
Los Angeles|California|CA|US|900##|34.0522|-118.2437|America/Los_Angeles
San Francisco|California|CA|US|941##|37.7749|-122.4194|America/Los_Angeles
San Diego|California|CA|US|921##|32.7157|-117.1611|America/Los_Angeles
Chicago|Illinois|IL|US|606##|41.8781|-87.6298|America/Chicago
Houston|Texas|TX|US|770##|29.7604|-95.3698|America/Chicago
Austin|Texas|TX|US|787##|30.2672|-97.7431|America/Chicago
Dallas|Texas|TX|US|752##|32.7767|-96.7970|America/Chicago
Phoenix|Arizona|AZ|US|850##|33.4484|-112.0740|America/Phoenix
Philadelphia|Pennsylvania|PA|US|191##|39.9526|-75.1652|America/New_York
Pittsburgh|Pennsylvania|PA|US|152##|40.4406|-79.9959|America/New_York
Seattle|Washington|WA|US|981##|47.6062|-122.3321|America/Los_Angeles
Denver|Colorado|CO|US|802##|39.7392|-104.9903|America/Denver
Boston|Massachusetts|MA|US|021##|42.3601|-71.0589|America/New_York
Miami|Florida|FL|US|331##|25.7617|-80.1918|America/New_York
Orlando|Florida|FL|US|328##|28.5383|-81.3792|America/New_York
Atlanta|Georgia|GA|US|303##|33.7490|-84.3880|America/New_York
Portland|Oregon|OR|US|972##|45.5152|-122.6784|America/Los_Angeles
Minneapolis|Minnesota|MN|US|554##|44.9778|-93.2650|America/Chicago
Detroit|Michigan|MI|US|482##|42.3314|-83.0458|America/Detroit
Nashville|Tennessee|TN|US|372##|36.1627|-86.7816|America/Chicago
Las Vegas|Nevada|NV|US|891##|36.1699|-115.1398|America/Los_Angeles
Salt Lake City|Utah|UT|US|841##|40.7608|-111.8910|America/Denver
Columbus|Ohio|OH|US|432##|39.9612|-82.9988|America/New_York
Charlotte|North Carolina|NC|US|282##|35.2271|-80.8431|America/New_York
Toronto|Ontario|ON|CA|M#@ #@#|43.6532|-79.3832|America/Toronto
Ottawa|Ontario|ON|CA|K#@ #@#|45.4215|-75.6972|America/Toronto
Montreal|Quebec|QC|CA|H#@ #@#|45.5017|-73.5673|America/Toronto
Vancouver|British Columbia|BC|CA|V#@ #@#|49.2827|-123.1207|America/Vancouver
Calgary|Alberta|AB|CA|T#@ #@#|51.0447|-114.0719|America/Edmonton
Winnipeg|Manitoba|MB|CA|R#@ #@#|49.8951|-97.1384|America/Winnipeg
Halifax|Nova Scotia|NS|CA|B#@ #@#|44.6488|-63.5752|America/Halifax
Mexico City|Mexico City|CMX|MX|0####|19.4326|-99.1332|America/Mexico_City
Guadalajara|Jalisco|JAL|MX|44###|20.6597|-103.3496|America/Mexico_City
Monterrey|Nuevo León|NLE|MX|64###|25.6866|-100.3161|America/Monterrey
São Paulo|São Paulo|SP|BR|0####-###|-23.5505|-46.6333|America/Sao_Paulo
Rio de Janeiro|Rio de Janeiro|RJ|BR|2####-###|-22.9068|-43.1729|America/Sao_Paulo
Brasília|Federal District|DF|BR|70###-###|-15.7939|-47.8828|America/Sao_Paulo
Buenos Aires|Buenos Aires|C|AR|C1###@@@|-34.6037|-58.3816|America/Argentina/Buenos_Aires
Córdoba|Córdoba|X|AR|X5###@@@|-31.4201|-64.1888|America/Argentina/Cordoba
London|England|ENG|GB|SW# #@@|51.5074|-0.1278|Europe/London
Manchester|England|ENG|GB|M## #@@|53.4808|-2.2426|Europe/London
Birmingham|England|ENG|GB|B## #@@|52.4862|-1.8904|Europe/London
Bristol|England|ENG|GB|BS# #@@|51.4545|-2.5879|Europe/London
Leeds|England|ENG|GB|LS# #@@|53.8008|-1.5491|Europe/London
Edinburgh|Scotland|SCT|GB|EH# #@@|55.9533|-3.1883|Europe/London
Glasgow|Scotland|SCT|GB|G## #@@|55.8642|-4.2518|Europe/London
Cardiff|Wales|WLS|GB|CF## #@@|51.4816|-3.1791|Europe/London
Belfast|Northern Ireland|NIR|GB|BT# #@@|54.5973|-5.9301|Europe/London
Dublin|Leinster|L|IE|D0# @###|53.3498|-6.2603|Europe/Dublin
Cork|Munster|M|IE|T12 @###|51.8985|-8.4756|Europe/Dublin
Paris|Île-de-France|IDF|FR|750##|48.8566|2.3522|Europe/Paris
Lyon|Auvergne-Rhône-Alpes|ARA|FR|6900#|45.7640|4.8357|Europe/Paris
Marseille|Provence-Alpes-Côte d'Azur|PAC|FR|130##|43.2965|5.3698|Europe/Paris
Toulouse|Occitanie|OCC|FR|310##|43.6047|1.4442|Europe/Paris
Bordeaux|Nouvelle-Aquitaine|NAQ|FR|330##|44.8378|-0.5792|Europe/Paris
Berlin|Berlin|BE|DE|10###|52.5200|13.4050|Europe/Berlin
Munich|Bavaria|BY|DE|80###|48.1351|11.5820|Europe/Berlin
Hamburg|Hamburg|HH|DE|20###|53.5511|9.9937|Europe/Berlin
Cologne|North Rhine-Westphalia|NW|DE|50###|50.9375|6.9603|Europe/Berlin
Frankfurt|Hesse|HE|DE|60###|50.1109|8.6821|Europe/Berlin
Stuttgart|Baden-Württemberg|BW|DE|70###|48.7758|9.1829|Europe/Berlin
Madrid|Community of Madrid|MD|ES|280##|40.4168|-3.7038|Europe/Madrid
Barcelona|Catalonia|CT|ES|080##|41.3874|2.1686|Europe/Madrid
Valencia|Valencian Community|VC|ES|460##|39.4699|-0.3763|Europe/Madrid
Seville|Andalusia|AN|ES|410##|37.3891|-5.9845|Europe/Madrid
Lisbon|Lisbon|11|PT|1###-###|38.7223|-9.1393|Europe/Lisbon
Porto|Porto|13|PT|4###-###|41.1579|-8.6291|Europe/Lisbon
Rome|Lazio|LAZ|IT|001##|41.9028|12.4964|Europe/Rome
Milan|Lombardy|LOM|IT|201##|45.4642|9.1900|Europe/Rome
Naples|Campania|CAM|IT|801##|40.8518|14.2681|Europe/Rome
Turin|Piedmont|PIE|IT|101##|45.0703|7.6869|Europe/Rome
Florence|Tuscany|TOS|IT|501##|43.7696|11.2558|Europe/Rome
Amsterdam|North Holland|NH|NL|10## @@|52.3676|4.9041|Europe/Amsterdam
Rotterdam|South Holland|ZH|NL|30## @@|51.9244|4.4777|Europe/Amsterdam
Utrecht|Utrecht|UT|NL|35## @@|52.0907|5.1214|Europe/Amsterdam
Zurich|Zurich|ZH|CH|80##|47.3769|8.5417|Europe/Zurich
Geneva|Geneva|GE|CH|12##|46.2044|6.1432|Europe/Zurich
Stockholm|Stockholm County|AB|SE|1## ##|59.3293|18.0686|Europe/Stockholm
Gothenburg|Västra Götaland|O|SE|4## ##|57.7089|11.9746|Europe/Stockholm
Oslo|Oslo|03|NO|0###|59.9139|10.7522|Europe/Oslo
Bergen|Vestland|46|NO|5###|60.3913|5.3221|Europe/Oslo
Copenhagen|Capital Region|84|DK|1###|55.6761|12.5683|Europe/Copenhagen
Aarhus|Central Denmark|82|DK|8###|56.1629|10.2039|Europe/Copenhagen
Warsaw|Masovia|MZ|PL|0#-###|52.2297|21.0122|Europe/Warsaw
Kraków|Lesser Poland|MA|PL|3#-###|50.0647|19.9450|Europe/Warsaw
Cape Town|Western Cape|WC|ZA|8###|-33.9249|18.4241|Africa/Johannesburg
Johannesburg|Gauteng|GP|ZA|2###|-26.2041|28.0473|Africa/Johannesburg
Durban|KwaZulu-Natal|KZN|ZA|4###|-29.8587|31.0218|Africa/Johannesburg
Lagos|Lagos|LA|NG|1#####|6.5244|3.3792|Africa/Lagos
Abuja|Federal Capital Territory|FC|NG|9#####|9.0765|7.3986|Africa/Lagos
Nairobi|Nairobi|30|KE|00###|-1.2921|36.8219|Africa/Nairobi
Mombasa|Mombasa|28|KE|80###|-4.0435|39.6682|Africa/Nairobi
Cairo|Cairo|C|EG|11###|30.0444|31.2357|Africa/Cairo
Alexandria|Alexandria|ALX|EG|21###|31.2001|29.9187|Africa/Cairo
Mumbai|Maharashtra|MH|IN|400###|19.0760|72.8777|Asia/Kolkata
Pune|Maharashtra|MH|IN|411###|18.5204|73.8567|Asia/Kolkata
Delhi|Delhi|DL|IN|110###|28.7041|77.1025|Asia/Kolkata
Bengaluru|Karnataka|KA|IN|560###|12.9716|77.5946|Asia/Kolkata
Chennai|Tamil Nadu|TN|IN|600###|13.0827|80.2707|Asia/Kolkata
Kolkata|West Bengal|WB|IN|700###|22.5726|88.3639|Asia/Kolkata
Hyderabad|Telangana|TG|IN|500###|17.3850|78.4867|Asia/Kolkata
Colombo|Western Province|WP|LK|00###|6.9271|79.8612|Asia/Colombo
Gampaha|Western Province|WP|LK|11###|7.0873|79.9990|Asia/Colombo
Kandy|Central Province|CP|LK|20###|7.2906|80.6337|Asia/Colombo
Galle|Southern Province|SP|LK|80###|6.0535|80.2210|Asia/Colombo
Jaffna|Northern Province|NP|LK|40###|9.6615|80.0255|Asia/Colombo
Kurunegala|North Western Province|NW|LK|60###|7.4863|80.3647|Asia/Colombo
Beijing|Beijing|BJ|CN|100###|39.9042|116.4074|Asia/Shanghai
Shanghai|Shanghai|SH|CN|200###|31.2304|121.4737|Asia/Shanghai
Shenzhen|Guangdong|GD|CN|518###|22.5431|114.0579|Asia/Shanghai
Guangzhou|Guangdong|GD|CN|510###|23.1291|113.2644|Asia/Shanghai
Chengdu|Sichuan|SC|CN|610###|30.5728|104.0668|Asia/Shanghai
Tokyo|Tokyo|13|JP|1##-####|35.6762|139.6503|Asia/Tokyo
Yokohama|Kanagawa|14|JP|2##-####|35.4437|139.6380|Asia/Tokyo
Osaka|Osaka|27|JP|53#-####|34.6937|135.5023|Asia/Tokyo
Kyoto|Kyoto|26|JP|60#-####|35.0116|135.7681|Asia/Tokyo
Sapporo|Hokkaido|01|JP|06#-####|43.0618|141.3545|Asia/Tokyo
Seoul|Seoul|11|KR|0####|37.5665|126.9780|Asia/Seoul
Busan|Busan|26|KR|4####|35.1796|129.0756|Asia/Seoul
Singapore|Central Region|01|SG|######|1.3521|103.8198|Asia/Singapore
Sydney|New South Wales|NSW|AU|2###|-33.8688|151.2093|Australia/Sydney
Melbourne|Victoria|VIC|AU|3###|-37.8136|144.9631|Australia/Melbourne
Brisbane|Queensland|QLD|AU|4###|-27.4698|153.0251|Australia/Brisbane
Perth|Western Australia|WA|AU|6###|-31.9505|115.8605|Australia/Perth
Adelaide|South Australia|SA|AU|5###|-34.9285|138.6007|Australia/Adelaide
Auckland|Auckland|AUK|NZ|10##|-36.8485|174.7633|Pacific/Auckland
Wellington|Wellington|WGN|NZ|60##|-41.2865|174.7762|Pacific/Auckland
Christchurch|Canterbury|CAN|NZ|80##|-43.5321|172.6362|Pacific/Auckland
`;

/** Countries whose postal addresses carry a state, province or prefecture line. */
const REGION_COUNTRIES = new Set(['US', 'CA', 'AU', 'BR', 'MX', 'AR', 'IN', 'CN', 'JP', 'MY']);

/** Phone numbers in international form, by country (the rest: +code and groups of digits). */
const PHONES: Record<string, string> = {
  US: '+1 (%##) %##-####', CA: '+1 (%##) %##-####', GB: '+44 %# #### ####', IN: '+91 %#### #####', LK: '+94 %# ### ####',
  DE: '+49 %# ########', JP: '+81 %-####-####', IT: '+39 %# #### ####', FR: '+33 % ## ## ## ##', CN: '+86 %# #### ####',
  AU: '+61 % #### ####', ES: '+34 %## ### ###', ZA: '+27 %# ### ####', NZ: '+64 % ### ####', NL: '+31 %# ### ####',
  MX: '+52 %# #### ####', BR: '+55 (%#) ####-####', SE: '+46 %# ### ## ##', PT: '+351 %# ### ####', PL: '+48 %# ### ## ##',
  NO: '+47 %# ## ## ##', NG: '+234 %## ### ####', KR: '+82 %# #### ####', KE: '+254 %## ######', IE: '+353 % ### ####',
  EG: '+20 %# #### ####', DK: '+45 %# ## ## ##', CH: '+41 %# ### ## ##', AR: '+54 %# ####-####', SG: '+65 %### ####',
};

export const PLACES: readonly Place[] = ROWS.trim().split('\n').map((line) => {
  const [city, region, code, alpha2, postcode, lat, lng, timeZone] = line.split('|');
  const [country, alpha3] = COUNTRIES.get(alpha2)!;
  // A numbered prefecture (Tokyo is 13) has no letter code: addresses write its name.
  const regionCode = /^\d+$/.test(code) ? '' : code;
  return {
    hasRegion: REGION_COUNTRIES.has(alpha2), phone: PHONES[alpha2] ?? '+## %## ### ####',
    city, region, regionCode, country, alpha2, alpha3, postcode, lat: Number(lat), lng: Number(lng), timeZone,
  };
});

/** The countries of the places, once per place: a country column on its own draws from these
 *  (customers come from populous countries, not uniformly from all 249). */
export const PLACE_COUNTRIES: readonly string[] = PLACES.map((p) => p.country);

/** Every country as a place of its own (no city or region): for country-only columns
 *  (countries.name with iso2 and iso3), so all 249 are reachable. */
export const COUNTRY_PLACES: readonly Place[] = [...COUNTRIES].map(([alpha2, [country, alpha3]]) => ({
  hasRegion: false, phone: '', city: '', region: '', regionCode: '', country, alpha2, alpha3, postcode: '', lat: 0, lng: 0, timeZone: '',
}));
