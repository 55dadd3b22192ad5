// The backend's public origin: where the card and the settings page send `hubspot.fetch`
// (they import it as @deal-attribution/domain/backend-origin).
//
// HubSpot only lets an extension fetch an absolute HTTPS origin listed in the app's
// `permittedUrls.fetch`, and it posts webhooks to an absolute URL too, so the same origin is also
// written in extensions/app/app-hsmeta.json (permittedUrls.fetch, redirectUrls) and
// extensions/app/webhooks/webhooks-hsmeta.json (targetUrl = origin + /webhooks/hubspot).
// test/extensions/project.test.ts fails when those files disagree with this constant.
// Local development keeps this value and maps it to http://localhost:3000 in
// extensions/app/local.json (see docs/extensions.md).
export const BACKEND_ORIGIN = 'https://api.example.com';
