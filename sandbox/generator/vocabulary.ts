// Word lists for plausible B2B records. Shared constant strings: a million records reuse these
// instead of allocating their own copies.

export const FIRST_NAMES = [
  'Ada',
  'Alan',
  'Amara',
  'Ana',
  'Arjun',
  'Ben',
  'Carla',
  'Chen',
  'Chloe',
  'Daniel',
  'Diego',
  'Elena',
  'Emma',
  'Farah',
  'Felix',
  'Grace',
  'Hana',
  'Hugo',
  'Ines',
  'Ivan',
  'Jamal',
  'Jin',
  'Julia',
  'Kai',
  'Kenji',
  'Lara',
  'Leo',
  'Lina',
  'Lucas',
  'Maya',
  'Mateo',
  'Mia',
  'Nadia',
  'Noah',
  'Olga',
  'Omar',
  'Priya',
  'Rafael',
  'Rosa',
  'Sam',
  'Sara',
  'Sofia',
  'Tariq',
  'Tom',
  'Uma',
  'Victor',
  'Wei',
  'Yara',
  'Yusuf',
  'Zoe',
] as const;

export const LAST_NAMES = [
  'Abbott',
  'Almeida',
  'Berg',
  'Brown',
  'Castillo',
  'Chen',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Gupta',
  'Hansen',
  'Ito',
  'Jensen',
  'Kim',
  'Kowalski',
  'Larsen',
  'Lopez',
  'Martin',
  'Meyer',
  'Moreau',
  'Nakamura',
  'Nguyen',
  'Novak',
  'Okafor',
  'Olsen',
  'Patel',
  'Petrov',
  'Quinn',
  'Rossi',
  'Sato',
  'Schmidt',
  'Silva',
  'Singh',
  'Smith',
  'Tanaka',
  'Torres',
  'Usman',
  'Vargas',
  'Wagner',
  'Walsh',
  'Weber',
  'Wong',
  'Yamada',
  'Young',
  'Zhang',
  'Zimmer',
] as const;

export const NAME_PARTS = [
  'Acme',
  'Apex',
  'Arbor',
  'Atlas',
  'Beacon',
  'Blue',
  'Bright',
  'Cedar',
  'Cobalt',
  'Crest',
  'Delta',
  'Ember',
  'Falcon',
  'Fjord',
  'Granite',
  'Harbor',
  'Helix',
  'Iron',
  'Juniper',
  'Kite',
  'Lumen',
  'Maple',
  'Meridian',
  'Nimbus',
  'Nova',
  'Oak',
  'Orbit',
  'Pine',
  'Prism',
  'Quartz',
  'Radiant',
  'Ridge',
  'Sage',
  'Signal',
  'Summit',
  'Terra',
  'Tidal',
  'Vector',
  'Vertex',
  'Willow',
] as const;

export const NAME_SUFFIXES = [
  'Analytics',
  'Systems',
  'Labs',
  'Logistics',
  'Health',
  'Capital',
  'Foods',
  'Robotics',
  'Software',
  'Energy',
  'Works',
  'Partners',
  'Networks',
  'Dynamics',
  'Industries',
  'Cloud',
] as const;

export const LEGAL_FORMS = ['Inc', 'Ltd', 'GmbH', 'SA', 'BV', 'KK', 'LLC', 'AB'] as const;

export const INDUSTRIES = [
  'COMPUTER_SOFTWARE',
  'INFORMATION_TECHNOLOGY_AND_SERVICES',
  'FINANCIAL_SERVICES',
  'HOSPITAL_HEALTH_CARE',
  'LOGISTICS_AND_SUPPLY_CHAIN',
  'MARKETING_AND_ADVERTISING',
  'MACHINERY',
  'RETAIL',
  'TELECOMMUNICATIONS',
  'EDUCATION_MANAGEMENT',
  'RENEWABLES_ENVIRONMENT',
  'FOOD_PRODUCTION',
] as const;

/** Country, a city in it, and the currency its deals usually use. */
export const COUNTRIES = [
  ['United States', 'New York', 'USD', 40],
  ['United States', 'Austin', 'USD', 15],
  ['Canada', 'Toronto', 'CAD', 5],
  ['United Kingdom', 'London', 'GBP', 10],
  ['Germany', 'Berlin', 'EUR', 8],
  ['France', 'Paris', 'EUR', 5],
  ['Netherlands', 'Amsterdam', 'EUR', 4],
  ['Japan', 'Tokyo', 'JPY', 5],
  ['Australia', 'Sydney', 'AUD', 4],
  ['Brazil', 'Sao Paulo', 'USD', 4],
] as const;

/** Buying roles with a matching job title each, and how often the role appears. */
export const ROLES = [
  ['DECISION_MAKER', ['CEO', 'COO', 'VP Operations', 'Managing Director'], 2],
  ['BUDGET_HOLDER', ['CFO', 'Head of Finance', 'VP Finance'], 1.5],
  ['CHAMPION', ['Head of Marketing Ops', 'Director of RevOps', 'Marketing Manager'], 2],
  ['INFLUENCER', ['IT Manager', 'Solutions Architect', 'Team Lead', 'Data Analyst'], 3],
  ['END_USER', ['Sales Rep', 'Marketing Specialist', 'Analyst', 'Coordinator'], 4],
  ['LEGAL_AND_COMPLIANCE', ['General Counsel', 'Compliance Officer'], 0.5],
] as const;

export const SEARCH_ENGINES = ['google', 'bing', 'duckduckgo'] as const;
export const KEYWORDS = [
  'multi touch attribution',
  'b2b revenue attribution',
  'hubspot attribution',
  'crm analytics',
  'marketing roi software',
  'unknown keywords (ssl)',
  'pipeline reporting',
  'deal analytics',
] as const;
export const SOCIAL_NETWORKS = ['LinkedIn', 'Twitter', 'Facebook', 'YouTube'] as const;
export const REFERRERS = [
  'g2.com',
  'capterra.com',
  'partner.example.org',
  'news.ycombinator.com',
  'medium.com',
] as const;
export const AD_CAMPAIGNS = [
  'brand-2025',
  'competitor-terms',
  'retargeting-q3',
  'abm-enterprise',
  'webinar-promo',
] as const;
export const LANDING_PATHS = ['/', '/pricing', '/blog/attribution-guide', '/demo', '/features'];
export const SITE = 'https://www.attribution-demo.example';

export const FORMS = [
  'Demo request',
  'Contact us',
  'Ebook: Revenue Attribution Guide',
  'Newsletter signup',
  'Pricing page form',
  'Free trial signup',
] as const;

export const WEBINAR_TOPICS = [
  'Attribution 101',
  'Pipeline analytics deep dive',
  'From MQL to revenue',
  'Account-based journeys',
  'Forecasting with CRM data',
] as const;
export const CONFERENCES = ['SaaStr', 'INBOUND', 'Web Summit', 'MarTech', 'RevOps Summit'] as const;
export const NEWSLETTERS = ['Monthly newsletter', 'Product update', 'Nurture: attribution'];

export const PRODUCTS = ['Platform licence', 'Analytics add-on', 'Enterprise plan', 'Team plan'];

/** Deal currencies other than the home currency (USD), with their rate to USD. */
export const USD_RATES: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 1.08,
  GBP: 1.27,
  JPY: 0.0067,
  CAD: 0.73,
  AUD: 0.66,
};

export const NOTE_BODIES = [
  'Discussed timeline and budget.',
  'Sent follow-up deck.',
  'Champion wants a pilot.',
  'Security review requested.',
  'Legal is reviewing the MSA.',
] as const;
export const TASK_SUBJECTS = [
  'Follow up on proposal',
  'Send case study',
  'Schedule technical demo',
  'Check in after trial',
] as const;
