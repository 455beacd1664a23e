/// <reference lib="webworker" />
// Entry bundled by esbuild for the browser test: scores the posted bytes inside a Web Worker.
import type { Manifest } from '@assay/schema';
import { scoreDataset } from '../src/index.ts';

self.onmessage = async (event: MessageEvent<{ bytes: Uint8Array; manifest: Manifest }>) => {
  try {
    const { bytes, manifest } = event.data;
    const source = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
    const report = await scoreDataset({ source, manifest });
    self.postMessage({ report });
  } catch (error) {
    self.postMessage({ error: String((error as Error)?.stack ?? error) });
  }
};
