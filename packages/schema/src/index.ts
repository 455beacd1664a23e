export * from './data-request.ts';
export * from './event.ts';
export * from './json-schema.ts';
export * from './ledger.ts';
export * from './manifest.ts';
export * from './quality-report.ts';
export * from './review.ts';
export * from './submission.ts';
