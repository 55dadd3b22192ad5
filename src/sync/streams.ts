// The streams the sync reads, described as data: which HubSpot objects, which properties (and
// histories), which associations ride along inline, which property is the incremental cursor, and
// which scopes make a stream optional. The runners in crm-stream.ts / marketing-streams.ts read
// these tables; adding a property or a stream is an edit here, not new code.

import type { CrmObjectType } from '../hubspot/index.js';

export interface CrmStream {
  readonly kind: 'crm';
  readonly name: CrmObjectType;
  readonly properties: readonly string[];
  /** Properties whose full history is stored (list pages shrink to 50 records when non-empty). */
  readonly history: readonly string[];
  /** Associations read inline on list pages (and through v4 on incremental runs). */
  readonly associations: readonly CrmObjectType[];
  /** HubSpot's last-modified property for this type (HUBSPOT.md §5). */
  readonly modifiedProperty: 'lastmodifieddate' | 'hs_lastmodifieddate';
  /** Off unless the admin turns it on. */
  readonly optional: boolean;
}

export interface MarketingStream {
  readonly kind: 'email_events' | 'marketing_events';
  readonly name: 'email_events' | 'marketing_event_participations';
  /** Missing these scopes skips the stream (recorded as such), it does not fail the sync. */
  readonly scopes: readonly string[];
}

export interface PipelineStream {
  readonly kind: 'pipelines';
  readonly name: 'pipelines';
}

export type Stream = CrmStream | MarketingStream | PipelineStream;

const ENGAGEMENT_COMMON = ['hs_timestamp', 'hubspot_owner_id', 'hs_lastmodifieddate', 'createdate'];

const engagement = (name: CrmObjectType, own: readonly string[], optional = false): CrmStream => ({
  kind: 'crm',
  name,
  properties: [...ENGAGEMENT_COMMON, ...own],
  history: [],
  associations: ['contacts', 'deals'],
  modifiedProperty: 'hs_lastmodifieddate',
  optional,
});

/** Contact properties the touchpoints and the card need. */
export const CONTACT_PROPERTIES = [
  'email',
  'firstname',
  'lastname',
  'jobtitle',
  'createdate',
  'lastmodifieddate',
  'lifecyclestage',
  'hs_buying_role',
  'associatedcompanyid',
  'hubspot_owner_id',
  'hs_merged_object_ids',
  'hs_object_source',
  'hs_analytics_source',
  'hs_analytics_source_data_1',
  'hs_analytics_source_data_2',
  'hs_analytics_first_timestamp',
  'hs_analytics_first_url',
  'hs_analytics_first_referrer',
  'hs_latest_source',
  'hs_latest_source_data_1',
  'hs_latest_source_data_2',
  'hs_latest_source_timestamp',
  'first_conversion_event_name',
  'first_conversion_date',
  'recent_conversion_event_name',
  'recent_conversion_date',
  'num_conversion_events',
] as const;

export const CRM_STREAMS: readonly CrmStream[] = [
  {
    kind: 'crm',
    name: 'contacts',
    properties: CONTACT_PROPERTIES,
    // Later visits, conversions and lifecycle moves are only visible as history.
    history: [
      'hs_latest_source',
      'hs_latest_source_data_1',
      'hs_latest_source_data_2',
      'recent_conversion_event_name',
      'lifecyclestage',
    ],
    associations: ['companies'],
    modifiedProperty: 'lastmodifieddate',
    optional: false,
  },
  {
    kind: 'crm',
    name: 'companies',
    properties: [
      'name',
      'domain',
      'industry',
      'numberofemployees',
      'createdate',
      'hs_lastmodifieddate',
      'hs_merged_object_ids',
    ],
    history: [],
    associations: [],
    modifiedProperty: 'hs_lastmodifieddate',
    optional: false,
  },
  {
    kind: 'crm',
    name: 'deals',
    properties: [
      'dealname',
      'amount',
      'deal_currency_code',
      'amount_in_home_currency',
      'createdate',
      'closedate',
      'dealstage',
      'pipeline',
      'dealtype',
      'hs_is_closed',
      'hs_is_closed_won',
      'hubspot_owner_id',
      'hs_lastmodifieddate',
      'hs_merged_object_ids',
    ],
    history: ['dealstage'],
    associations: ['contacts', 'companies'],
    modifiedProperty: 'hs_lastmodifieddate',
    optional: false,
  },
  engagement('calls', [
    'hs_call_title',
    'hs_call_direction',
    'hs_call_status',
    'hs_call_disposition',
    'hs_call_duration',
  ]),
  engagement('emails', ['hs_email_subject', 'hs_email_direction', 'hs_email_status']),
  engagement('meetings', ['hs_meeting_title', 'hs_meeting_outcome', 'hs_meeting_start_time']),
  engagement('communications', ['hs_communication_channel_type']),
  engagement('notes', [], true),
  engagement('tasks', ['hs_task_subject', 'hs_task_status'], true),
];

export const MARKETING_STREAMS: readonly MarketingStream[] = [
  { kind: 'email_events', name: 'email_events', scopes: ['content'] },
  {
    kind: 'marketing_events',
    name: 'marketing_event_participations',
    scopes: ['crm.objects.marketing_events.read'],
  },
];

export const PIPELINE_STREAM: PipelineStream = { kind: 'pipelines', name: 'pipelines' };

export interface StreamSelection {
  /** Optional CRM streams to include (notes, tasks). */
  readonly optional?: readonly CrmObjectType[];
  /** Restrict to these stream names (tests, targeted re-syncs). */
  readonly only?: readonly string[];
}

/** The streams of one sync run, in dependency order (pipelines, contacts first). */
export function selectStreams(selection: StreamSelection = {}): Stream[] {
  const optional = new Set(selection.optional ?? []);
  const all: Stream[] = [
    PIPELINE_STREAM,
    ...CRM_STREAMS.filter((s) => !s.optional || optional.has(s.name)),
    ...MARKETING_STREAMS,
  ];
  const only = selection.only;
  return only === undefined ? all : all.filter((s) => only.includes(s.name));
}
