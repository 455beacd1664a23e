/// <reference path="./s3rver.d.ts" />
// (The reference lets the web app's e2e tests, which import this file, see s3rver's declared types.)
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AwsClient } from 'aws4fetch';
import S3rver from 's3rver';

/** s3rver accepts these credentials (and signs nothing it checks: see the README's note on the S3 store). */
export const S3_TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
const BUCKET = 'assay';

/** A running S3-compatible server (s3rver, in this process) with one empty bucket. */
export interface TestS3 {
  /** The bucket's path-style URL. */
  bucketUrl: string;
  /** The environment that points the server's file store at `<bucket>/<prefix>`. */
  env(prefix: string): Record<string, string>;
  /** The keys of the bucket's objects under `prefix`, through S3's ListObjectsV2. */
  listKeys(prefix: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startTestS3(): Promise<TestS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'assay-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  const bucketUrl = `http://127.0.0.1:${port}/${BUCKET}`;
  const client = new AwsClient({ ...S3_TEST_CREDENTIALS, service: 's3', region: 'us-east-1' });
  return {
    bucketUrl,
    env: (prefix) => ({
      S3_URL: `${bucketUrl}/${prefix}`,
      S3_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
    }),
    listKeys: async (prefix) => {
      const response = await client.fetch(`${bucketUrl}?list-type=2&prefix=${encodeURIComponent(prefix)}`);
      if (!response.ok) throw new Error(`ListObjectsV2 failed: ${response.status} ${await response.text()}`);
      return [...(await response.text()).matchAll(/<Key>([^<]+)<\/Key>/g)].map((match) => match[1]!);
    },
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A proxy in front of the S3 server, for tests of a bucket that fails or is slow. */
export interface S3Proxy {
  url: string;
  /** The next requests get these answers (status and S3 error code) instead of being forwarded. */
  faults: { status: number; code: string }[];
  /** Every request seen, in order. */
  seen: { method: string; headers: http.IncomingHttpHeaders }[];
  /** How long the answer to each forwarded PUT is held back (a bucket far away). */
  putDelayMs: number;
  stop(): Promise<void>;
}

export async function startS3Proxy(target: string): Promise<S3Proxy> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    proxy.seen.push({ method: req.method!, headers: req.headers });
    const fault = proxy.faults.shift();
    if (fault) {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0"?><Error><Code>${fault.code}</Code><Message>injected</Message></Error>`);
      return;
    }
    const delay = req.method === 'PUT' ? proxy.putDelayMs : 0;
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) =>
        setTimeout(() => {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        }, delay),
    );
    req.pipe(forward);
  });
  const proxy: S3Proxy = {
    url: '',
    faults: [],
    seen: [],
    putDelayMs: 0,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
