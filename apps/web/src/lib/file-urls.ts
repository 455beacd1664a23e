/**
 * Where the server serves a version's files (apps/server/src/http/file-routes.ts): the data file to its
 * contributor and to the organisation that accepted it, the Croissant metadata to that organisation.
 */
export const versionDataUrl = (versionId: string) =>
  `/api/files/versions/${encodeURIComponent(versionId)}/data`;
export const versionCroissantUrl = (versionId: string) =>
  `/api/files/versions/${encodeURIComponent(versionId)}/croissant.json`;
