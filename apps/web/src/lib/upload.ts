/** What the server answers after storing an upload. */
export interface UploadResult {
  sha256: string;
  size: number;
  format: string;
  /** The draft's updatedAt after the file was attached. */
  updatedAt: string;
}

export class UploadError extends Error {
  override name = 'UploadError';
  constructor(
    message: string,
    /** HTTP status, or 0 when the request never reached the server. */
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Uploads a version's data file (raw body) with progress. XMLHttpRequest rather than fetch because
 * only it reports upload progress in every browser.
 */
export function uploadVersionFile(
  versionId: string,
  file: File,
  {
    onProgress,
    signal,
    sha256,
  }: { onProgress?: (fraction: number) => void; signal?: AbortSignal; sha256?: string } = {},
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/api/files/versions/${encodeURIComponent(versionId)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    // Header values must be ISO-8859-1; the server decodes the URI encoding.
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    if (sha256) xhr.setRequestHeader('x-content-sha256', sha256);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object' && 'sha256' in body) {
        onProgress?.(1);
        resolve(body as UploadResult);
        return;
      }
      // The server answers `{ error: { code, message } }`.
      const error = (body as { error?: { message?: unknown } } | null)?.error;
      const message =
        typeof error?.message === 'string' ? error.message : `Upload failed (HTTP ${xhr.status})`;
      reject(new UploadError(message, xhr.status));
    };
    xhr.onerror = () =>
      reject(new UploadError('The upload was interrupted: check your connection and retry', 0));
    xhr.onabort = () => reject(new UploadError('Upload cancelled', 0));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
