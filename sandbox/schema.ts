// HubSpot's standard schema for a fresh portal: the built-in property definitions, property groups
// and the default deal pipeline. The generator calls `installStandardSchema` before writing records,
// so the emulated properties API and the write validation (unknown property → 400) see what a real
// portal has. Names are HubSpot's (HUBSPOT.md §5); the generator should use the constants below.

import {
  ENGAGEMENT_TYPES,
  OBJECT_TYPES,
  type ObjectType,
  type Pipeline,
  type Portal,
  type PropertyDefinition,
  type PropertyOption,
} from './portal.js';

export const CONTACT_SOURCES = [
  'ORGANIC_SEARCH',
  'PAID_SEARCH',
  'EMAIL_MARKETING',
  'SOCIAL_MEDIA',
  'REFERRALS',
  'OTHER_CAMPAIGNS',
  'DIRECT_TRAFFIC',
  'OFFLINE',
  'PAID_SOCIAL',
] as const;

export const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
] as const;

export const DEFAULT_PIPELINE_ID = 'default';
export const DEAL_STAGES = {
  appointmentScheduled: 'appointmentscheduled',
  qualifiedToBuy: 'qualifiedtobuy',
  presentationScheduled: 'presentationscheduled',
  decisionMakerBoughtIn: 'decisionmakerboughtin',
  contractSent: 'contractsent',
  closedWon: 'closedwon',
  closedLost: 'closedlost',
} as const;
export const OPEN_DEAL_STAGES = [
  DEAL_STAGES.appointmentScheduled,
  DEAL_STAGES.qualifiedToBuy,
  DEAL_STAGES.presentationScheduled,
  DEAL_STAGES.decisionMakerBoughtIn,
  DEAL_STAGES.contractSent,
] as const;

export const CALL_DISPOSITIONS = {
  connected: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
  busy: '9d9162e7-6cf3-4944-bf63-4dff82258764',
  noAnswer: '73a0d17f-1163-4015-bdd5-ec830791da20',
  leftVoicemail: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
  leftLiveMessage: 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff',
  wrongNumber: '17b47fee-58de-441e-a44c-c6300d46f273',
} as const;

/** Property names the generator writes; HubSpot's spelling. */
export const PROPS = {
  contact: {
    email: 'email',
    firstname: 'firstname',
    lastname: 'lastname',
    jobtitle: 'jobtitle',
    buyingRole: 'hs_buying_role',
    lifecyclestage: 'lifecyclestage',
    associatedCompanyId: 'associatedcompanyid',
    mergedIds: 'hs_merged_object_ids',
    source: 'hs_analytics_source',
    sourceData1: 'hs_analytics_source_data_1',
    sourceData2: 'hs_analytics_source_data_2',
    latestSource: 'hs_latest_source',
    latestSourceData1: 'hs_latest_source_data_1',
    latestSourceData2: 'hs_latest_source_data_2',
    latestSourceTimestamp: 'hs_latest_source_timestamp',
    firstTimestamp: 'hs_analytics_first_timestamp',
    firstUrl: 'hs_analytics_first_url',
    firstReferrer: 'hs_analytics_first_referrer',
    firstConversionName: 'first_conversion_event_name',
    firstConversionDate: 'first_conversion_date',
    recentConversionName: 'recent_conversion_event_name',
    recentConversionDate: 'recent_conversion_date',
    numConversionEvents: 'num_conversion_events',
    objectSource: 'hs_object_source',
    objectSourceLabel: 'hs_object_source_label',
    objectSourceId: 'hs_object_source_id',
  },
  deal: {
    dealname: 'dealname',
    amount: 'amount',
    amountInHomeCurrency: 'amount_in_home_currency',
    currency: 'deal_currency_code',
    closedate: 'closedate',
    dealstage: 'dealstage',
    pipeline: 'pipeline',
    isClosed: 'hs_is_closed',
    isClosedWon: 'hs_is_closed_won',
    isClosedLost: 'hs_is_closed_lost',
    owner: 'hubspot_owner_id',
  },
} as const;

export const lifecycleDateProperty = (stage: string): string => `hs_lifecyclestage_${stage}_date`;
export const dateEnteredProperty = (stage: string): string => `hs_v2_date_entered_${stage}`;
export const dateExitedProperty = (stage: string): string => `hs_v2_date_exited_${stage}`;
export const cumulativeTimeProperty = (stage: string): string =>
  `hs_v2_cumulative_time_in_${stage}`;

/** The default group every standard property of a type lives in. */
export const DEFAULT_GROUPS: Readonly<Record<ObjectType, { name: string; label: string }>> = {
  contacts: { name: 'contactinformation', label: 'Contact information' },
  companies: { name: 'companyinformation', label: 'Company information' },
  deals: { name: 'dealinformation', label: 'Deal information' },
  calls: { name: 'call', label: 'Call information' },
  emails: { name: 'email', label: 'Email information' },
  meetings: { name: 'meeting', label: 'Meeting information' },
  communications: { name: 'communication', label: 'Communication information' },
  notes: { name: 'note', label: 'Note information' },
  tasks: { name: 'task', label: 'Task information' },
};

/** Extra groups HubSpot ships, per type. */
const EXTRA_GROUPS: Partial<Record<ObjectType, { name: string; label: string }[]>> = {
  contacts: [
    { name: 'analyticsinformation', label: 'Web analytics history' },
    { name: 'conversioninformation', label: 'Conversion information' },
    { name: 'emailinformation', label: 'Email information' },
  ],
  companies: [{ name: 'analyticsinformation', label: 'Web analytics history' }],
  deals: [{ name: 'deal_activity', label: 'Deal activity' }],
};

type Kind = 'text' | 'number' | 'datetime' | 'date' | 'enum' | 'bool' | 'textarea' | 'html';
interface Spec {
  readonly name: string;
  readonly label: string;
  readonly kind: Kind;
  readonly options?: readonly string[];
  readonly calculated?: boolean;
  readonly readOnly?: boolean;
  readonly group?: string;
}

const FIELD: Record<Kind, { type: string; fieldType: string }> = {
  text: { type: 'string', fieldType: 'text' },
  textarea: { type: 'string', fieldType: 'textarea' },
  html: { type: 'string', fieldType: 'html' },
  number: { type: 'number', fieldType: 'number' },
  datetime: { type: 'datetime', fieldType: 'date' },
  date: { type: 'date', fieldType: 'date' },
  enum: { type: 'enumeration', fieldType: 'select' },
  bool: { type: 'enumeration', fieldType: 'booleancheckbox' },
};

const s = (name: string, label: string, kind: Kind, extra: Partial<Spec> = {}): Spec => ({
  name,
  label,
  kind,
  ...extra,
});
const ro = { readOnly: true } as const;
const calc = { calculated: true, readOnly: true } as const;

const COMMON: readonly Spec[] = [
  s('hs_object_id', 'Record ID', 'number', ro),
  s('hs_createdate', 'Object create date/time', 'datetime', ro),
  s('hs_lastmodifieddate', 'Last modified date', 'datetime', ro),
  s('hubspot_owner_id', 'Owner', 'enum'),
  s('hs_object_source', 'Record source', 'text', ro),
  s('hs_object_source_label', 'Record source', 'text', ro),
  s('hs_object_source_id', 'Record source ID', 'text', ro),
  s('hs_merged_object_ids', 'Merged record IDs', 'enum', ro),
];

const CONTACT: readonly Spec[] = [
  s('email', 'Email', 'text'),
  s('firstname', 'First name', 'text'),
  s('lastname', 'Last name', 'text'),
  s('jobtitle', 'Job title', 'text'),
  s('company', 'Company name', 'text'),
  s('phone', 'Phone number', 'text'),
  s('hs_buying_role', 'Buying role', 'enum', {
    options: [
      'BLOCKER',
      'BUDGET_HOLDER',
      'CHAMPION',
      'DECISION_MAKER',
      'END_USER',
      'EXECUTIVE_SPONSOR',
      'INFLUENCER',
      'LEGAL_AND_COMPLIANCE',
      'OTHER',
    ],
  }),
  s('createdate', 'Create date', 'datetime', ro),
  s('lastmodifieddate', 'Last modified date', 'datetime', ro),
  s('associatedcompanyid', 'Primary associated company ID', 'number'),
  s('lifecyclestage', 'Lifecycle stage', 'enum', { options: LIFECYCLE_STAGES }),
  ...LIFECYCLE_STAGES.flatMap((st) => [
    s(lifecycleDateProperty(st), `Became a ${st} date`, 'datetime', calc),
    s(dateEnteredProperty(st), `Date entered "${st} (Lifecycle stage)"`, 'datetime', calc),
    s(dateExitedProperty(st), `Date exited "${st} (Lifecycle stage)"`, 'datetime', calc),
  ]),
  ...['hs_analytics_source', 'hs_latest_source'].map((n) =>
    s(n, n === 'hs_analytics_source' ? 'Original source' : 'Latest source', 'enum', {
      ...calc,
      options: CONTACT_SOURCES,
      group: 'analyticsinformation',
    }),
  ),
  ...[
    'hs_analytics_source_data_1',
    'hs_analytics_source_data_2',
    'hs_latest_source_data_1',
    'hs_latest_source_data_2',
    'hs_analytics_first_url',
    'hs_analytics_first_referrer',
  ].map((n) => s(n, n, 'text', { ...calc, group: 'analyticsinformation' })),
  s('hs_latest_source_timestamp', 'Latest source date', 'datetime', {
    ...calc,
    group: 'analyticsinformation',
  }),
  s('hs_analytics_first_timestamp', 'Time first seen', 'datetime', {
    ...calc,
    group: 'analyticsinformation',
  }),
  s('hs_analytics_num_visits', 'Number of sessions', 'number', {
    ...calc,
    group: 'analyticsinformation',
  }),
  s('first_conversion_event_name', 'First conversion', 'text', {
    ...calc,
    group: 'conversioninformation',
  }),
  s('first_conversion_date', 'First conversion date', 'datetime', {
    ...calc,
    group: 'conversioninformation',
  }),
  s('recent_conversion_event_name', 'Recent conversion', 'text', {
    ...calc,
    group: 'conversioninformation',
  }),
  s('recent_conversion_date', 'Recent conversion date', 'datetime', {
    ...calc,
    group: 'conversioninformation',
  }),
  s('num_conversion_events', 'Number of form submissions', 'number', {
    ...calc,
    group: 'conversioninformation',
  }),
];

const COMPANY: readonly Spec[] = [
  s('name', 'Company name', 'text'),
  s('domain', 'Company domain name', 'text'),
  s('industry', 'Industry', 'text'),
  s('numberofemployees', 'Number of employees', 'number'),
  s('annualrevenue', 'Annual revenue', 'number'),
  s('country', 'Country/Region', 'text'),
  s('city', 'City', 'text'),
  s('createdate', 'Create date', 'datetime', ro),
  s('lifecyclestage', 'Lifecycle stage', 'enum', { options: LIFECYCLE_STAGES }),
  s('hs_analytics_source', 'Original source type', 'enum', {
    ...calc,
    options: CONTACT_SOURCES,
    group: 'analyticsinformation',
  }),
  s('num_associated_contacts', 'Number of associated contacts', 'number', calc),
  s('num_associated_deals', 'Number of associated deals', 'number', calc),
];

const STAGE_IDS = Object.values(DEAL_STAGES);
const DEAL: readonly Spec[] = [
  s('dealname', 'Deal name', 'text'),
  s('amount', 'Amount', 'number'),
  s('amount_in_home_currency', 'Amount in company currency', 'number', calc),
  s('deal_currency_code', 'Currency', 'enum', {
    options: ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'CHF'],
  }),
  s('createdate', 'Create date', 'datetime'),
  s('closedate', 'Close date', 'datetime'),
  s('dealstage', 'Deal stage', 'enum', { options: STAGE_IDS }),
  s('pipeline', 'Pipeline', 'enum', { options: [DEFAULT_PIPELINE_ID] }),
  s('dealtype', 'Deal type', 'enum', { options: ['newbusiness', 'existingbusiness'] }),
  s('hs_is_closed', 'Is deal closed?', 'bool', calc),
  s('hs_is_closed_won', 'Is closed won', 'bool', calc),
  s('hs_is_closed_lost', 'Is closed lost', 'bool', calc),
  s('hs_deal_stage_probability', 'Deal probability', 'number', calc),
  s('closed_lost_reason', 'Closed lost reason', 'textarea'),
  s('closed_won_reason', 'Closed won reason', 'textarea'),
  s('num_associated_contacts', 'Number of contacts', 'number', calc),
  ...STAGE_IDS.flatMap((st) => [
    s(dateEnteredProperty(st), `Date entered "${st}"`, 'datetime', calc),
    s(dateExitedProperty(st), `Date exited "${st}"`, 'datetime', calc),
    s(cumulativeTimeProperty(st), `Cumulative time in "${st}"`, 'number', calc),
  ]),
];

const opt = (v: readonly string[]): Partial<Spec> => ({ options: v });
const ENGAGEMENT: Readonly<Record<(typeof ENGAGEMENT_TYPES)[number], readonly Spec[]>> = {
  calls: [
    s('hs_call_title', 'Call title', 'text'),
    s('hs_call_body', 'Call notes', 'html'),
    s('hs_call_direction', 'Call direction', 'enum', opt(['INBOUND', 'OUTBOUND'])),
    s(
      'hs_call_status',
      'Call status',
      'enum',
      opt([
        'COMPLETED',
        'BUSY',
        'NO_ANSWER',
        'FAILED',
        'CANCELED',
        'MISSED',
        'IN_PROGRESS',
        'QUEUED',
        'RINGING',
        'CONNECTING',
        'CALLING_CRM_USER',
      ]),
    ),
    s('hs_call_disposition', 'Call outcome', 'enum', opt(Object.values(CALL_DISPOSITIONS))),
    s('hs_call_duration', 'Call duration', 'number'),
  ],
  emails: [
    s('hs_email_subject', 'Email subject', 'text'),
    s('hs_email_text', 'Email text', 'textarea'),
    s(
      'hs_email_direction',
      'Email direction',
      'enum',
      opt(['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL']),
    ),
    s(
      'hs_email_status',
      'Email send status',
      'enum',
      opt(['SENT', 'BOUNCED', 'FAILED', 'SCHEDULED', 'SENDING']),
    ),
  ],
  meetings: [
    s('hs_meeting_title', 'Meeting name', 'text'),
    s('hs_meeting_body', 'Meeting description', 'html'),
    s('hs_meeting_start_time', 'Meeting start time', 'datetime'),
    s('hs_meeting_end_time', 'Meeting end time', 'datetime'),
    s(
      'hs_meeting_outcome',
      'Meeting outcome',
      'enum',
      opt(['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED']),
    ),
  ],
  communications: [
    s(
      'hs_communication_channel_type',
      'Channel type',
      'enum',
      opt(['WHATS_APP', 'LINKEDIN_MESSAGE', 'SMS']),
    ),
    s('hs_communication_body', 'Communication body', 'textarea'),
  ],
  notes: [s('hs_note_body', 'Note body', 'html')],
  tasks: [
    s('hs_task_subject', 'Task title', 'text'),
    s('hs_task_body', 'Task notes', 'html'),
    s(
      'hs_task_status',
      'Task status',
      'enum',
      opt(['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED']),
    ),
    s('hs_task_priority', 'Priority', 'enum', opt(['LOW', 'MEDIUM', 'HIGH'])),
  ],
};

const ENGAGEMENT_COMMON: readonly Spec[] = [
  s('hs_timestamp', 'Activity date', 'datetime'),
  s('hs_activity_type', 'Activity type', 'text'),
  // createRecord stamps `createdate` on every type, so engagements declare it too.
  s('createdate', 'Create date', 'datetime', ro),
];

function specsFor(type: ObjectType): readonly Spec[] {
  switch (type) {
    case 'contacts':
      return CONTACT;
    case 'companies':
      return COMPANY;
    case 'deals':
      return DEAL;
    default:
      return [...ENGAGEMENT_COMMON, ...ENGAGEMENT[type]];
  }
}

const options = (values: readonly string[]): PropertyOption[] =>
  values.map((v, i) => ({ label: v, value: v, hidden: false, displayOrder: i }));

function definition(type: ObjectType, spec: Spec, order: number, at: number): PropertyDefinition {
  const f = FIELD[spec.kind];
  return {
    name: spec.name,
    label: spec.label,
    type: f.type,
    fieldType: f.fieldType,
    groupName: spec.group ?? DEFAULT_GROUPS[type].name,
    description: '',
    options:
      spec.kind === 'bool'
        ? [
            { label: 'True', value: 'true', hidden: false, displayOrder: 0 },
            { label: 'False', value: 'false', hidden: false, displayOrder: 1 },
          ]
        : options(spec.options ?? []),
    displayOrder: order,
    hidden: false,
    formField: false,
    calculated: spec.calculated ?? false,
    hubspotDefined: true,
    externalOptions: false,
    hasUniqueValue: spec.name === 'hs_object_id' || (type === 'contacts' && spec.name === 'email'),
    createdAt: at,
    updatedAt: at,
    archived: false,
    readOnlyValue: spec.readOnly ?? false,
  };
}

/** The default deal pipeline with HubSpot's stage ids and closed metadata. */
export function defaultPipeline(): Pipeline {
  const probabilities = ['0.2', '0.4', '0.6', '0.8', '0.9', '1.0', '0.0'];
  const labels = [
    'Appointment scheduled',
    'Qualified to buy',
    'Presentation scheduled',
    'Decision maker bought-in',
    'Contract sent',
    'Closed won',
    'Closed lost',
  ];
  return {
    id: DEFAULT_PIPELINE_ID,
    label: 'Sales Pipeline',
    displayOrder: 0,
    stages: STAGE_IDS.map((id, i) => ({
      id,
      label: labels[i] ?? id,
      displayOrder: i,
      metadata: {
        isClosed: id === DEAL_STAGES.closedWon || id === DEAL_STAGES.closedLost ? 'true' : 'false',
        probability: probabilities[i] ?? '0.0',
      },
    })),
  };
}

/** Installs HubSpot's standard properties, groups and the default pipeline (idempotent). */
export function installStandardSchema(portal: Portal): void {
  const at = portal.now;
  for (const type of OBJECT_TYPES) {
    const groups = [DEFAULT_GROUPS[type], ...(EXTRA_GROUPS[type] ?? [])];
    groups.forEach((g, i) => {
      if (!portal.groups[type].has(g.name))
        portal.groups[type].set(g.name, { ...g, displayOrder: i, archived: false });
    });
    const specs = [...specsFor(type), ...COMMON];
    specs.forEach((spec, i) => {
      if (!portal.properties[type].has(spec.name))
        portal.properties[type].set(spec.name, definition(type, spec, i, at));
    });
  }
  if (!portal.pipelines.some((p) => p.id === DEFAULT_PIPELINE_ID))
    portal.pipelines.push(defaultPipeline());
}
