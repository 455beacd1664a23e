import type http from 'node:http';

/**
 * What the browser may load and do on Assay's pages: scripts, workers, fetches and images from this origin only;
 * styles also inline (Mantine and the charts set them at run time); no plugins, no other site's forms, and
 * no framing, so a reviewer's accept button cannot be clicked through someone else's page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Sets the headers every response carries. `Referrer-Policy: no-referrer` keeps an invitation link's token
 * (`/invite/<token>`) out of the requests its page makes; `nosniff` keeps a served file from being read as
 * another type; `X-Frame-Options` says "no framing" to browsers that predate `frame-ancestors`.
 */
export function setSecurityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
}
