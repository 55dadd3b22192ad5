// The domain vocabulary for the backend: models and their labels, touch kinds, channels, channel
// rules, position weights, settings and the API's bodies (docs/adr/0010-one-vocabulary.md).
//
// It lives in extensions/domain/, the package the card and the settings page import as
// @deal-attribution/domain (HubSpot uploads only extensions/), and this facade is the one place
// in src/ that reaches into extensions/: the lowest layer, beside the kernel, pure like it.
export * from '../../extensions/domain/index.js';
