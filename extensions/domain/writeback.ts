// The properties an admin may choose to write back (ARCHITECTURE.md, Write-back). Their HubSpot
// definitions (types, labels, options) are the backend's, in src/writeback/schema.ts.

/** Deal properties. */
export const DEAL_WRITEBACK_PROPERTIES = [
  'attribution_model',
  'attribution_computed_at',
  'attribution_touchpoints',
  'attribution_stakeholders',
  'attribution_days_to_close',
  'attribution_first_touch_channel',
  'attribution_lead_creation_channel',
  'attribution_deal_creation_channel',
  'attribution_closing_channel',
  'attribution_top_channel',
  'attribution_marketing_share',
  'attribution_sales_share',
  /** Stands for the family `attribution_revenue_<channel>`, one per channel. */
  'attribution_revenue_by_channel',
] as const;
/** Contact and company properties. */
export const ASSOCIATED_WRITEBACK_PROPERTIES = [
  'attribution_influenced_revenue',
  'attribution_touchpoints',
] as const;
export type DealWritebackProperty = (typeof DEAL_WRITEBACK_PROPERTIES)[number];
export type AssociatedWritebackProperty = (typeof ASSOCIATED_WRITEBACK_PROPERTIES)[number];
