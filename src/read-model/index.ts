// The read model: what a recompute stores per deal (its journey, here) beside each model's result
// (the store's AttributionRecord), and what every reader — card, write-back, reports, exports —
// reads instead of recomputing.

export {
  journeyHash,
  journeyMembers,
  journeyPath,
  readDealJourneys,
  readStoredJourney,
  storedJourney,
  type DealRecordInfo,
  type ReadJourney,
  type StoredJourney,
  type TouchLinks,
} from './journey.js';
