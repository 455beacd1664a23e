import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, read once from the environment and validated. Nothing else reads `process.env`, but
 * for NODE_ENV where tRPC is set up (`trpc.ts`: stack traces and faults' messages only with
 * `development` set) (tests pass their own object to {@link parseEnv}).
 */
const EnvFieldsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Where the SQLite database and the file store live. */
  DATA_DIR: z.string().min(1).default('./.assay'),
  /** Absent: embedded SQLite in DATA_DIR. `postgres://…`: PostgreSQL. */
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      'DATABASE_URL must be a postgres:// connection string (or be unset for SQLite)',
    )
    .optional(),
  /**
   * PostgreSQL: how long one statement of the server's (or a worker's) may run, or wait for a lock, before
   * it is cancelled and its request fails; 0 for no limit. Migrations and pg-boss's own connections have none.
   */
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  /**
   * Absent: files in DATA_DIR/files. A URL: an S3-compatible bucket (and optional prefix) instead, for
   * API replicas and workers that share no disk, e.g. `https://assay.s3.eu-west-1.amazonaws.com/files`
   * or `http://minio.internal:9000/assay`. Credentials go in S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY.
   */
  S3_URL: z.url({ protocol: /^https?$/, error: 'S3_URL must be an http(s):// URL of a bucket' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted upload, in bytes (default 1 GiB). */
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 ** 3),
  /** Overall score at or above which a report is enterprise grade. */
  ENTERPRISE_GRADE_THRESHOLD: z.coerce.number().min(0).max(100).default(70),
  /** Signs sessions. Generated and kept in DATA_DIR when unset, so a fresh install needs no set-up. */
  BETTER_AUTH_SECRET: z.string().min(32, 'BETTER_AUTH_SECRET must be at least 32 characters').optional(),
  /** The address users reach the server at (cookies and auth redirects). */
  PUBLIC_URL: z.url().optional(),
  /** Whether this process also scores queued versions (always true on SQLite; `npm run worker` on PostgreSQL). */
  SCORING_IN_PROCESS: z.stringbool().default(true),
  /** How long a worker holds a scoring job before another may take it over (its worker presumed dead). */
  SCORING_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(300),
  /**
   * The wait before a failed scoring job's first retry; each retry waits twice as long as the one before
   * (2, 4, 8 and 16 s by default, so a store that is down for half a minute loses no version).
   */
  SCORING_RETRY_SECONDS: z.coerce.number().int().min(0).max(3600).default(2),
  /**
   * How many times a scoring job is attempted before its version goes back to draft. An attempt whose
   * worker dies (killed, out of memory) counts, once its lease has run out.
   */
  SCORING_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** How often the server (and each scoring worker) looks for deadlines to tell contributors of. */
  DEADLINE_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * How often the server removes uploads a crash left half-spooled, a day old or more (start-up removes
   * them too).
   */
  STALE_UPLOAD_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /**
   * How long a stored file no version names any more (a draft's file replaced) is kept, from when it was
   * last stored or let go of, before the server removes it. At least an hour: an upload claims its file
   * for this long before a version names it (see `removeOrphanFiles`).
   */
  ORPHAN_FILE_GRACE_HOURS: z.coerce.number().int().min(1).max(8760).default(24),
  /** How often the server removes stored files kept past ORPHAN_FILE_GRACE_HOURS (and once at start-up). */
  ORPHAN_FILE_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /**
   * Whether a reverse proxy in front of Assay sets X-Forwarded-For. Off by default: the server then
   * overwrites the header with the socket's address, so a client cannot dodge the sign-in rate limit by
   * inventing one.
   */
  TRUST_PROXY: z.stringbool().default(false),
  /** Unset reads as neither production nor development (trpc.ts sends no stack traces then). */
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  /**
   * Simulation only: the server runs on a simulated clock that operators move through `simulation.clock`
   * (the simulator's --url mode). Refused with NODE_ENV=production, and with scoring left to separate
   * workers (they would stamp their work with the wall clock).
   */
  SIMULATED_CLOCK: z.stringbool().default(false),
});

/** The variables, and the rules that involve several of them. */
export const EnvSchema = EnvFieldsSchema.superRefine((env, ctx) => {
  // A URL that does not parse has its issue from the field already (it threw a TypeError here).
  if (env.S3_URL && URL.canParse(env.S3_URL)) refineS3(env, ctx);
  if (!env.SIMULATED_CLOCK) return;
  if (env.NODE_ENV === 'production') {
    ctx.addIssue({
      code: 'custom',
      path: ['SIMULATED_CLOCK'],
      message:
        "SIMULATED_CLOCK must not be on with NODE_ENV=production: it lets an operator move the server's clock",
    });
  }
  if (!env.SCORING_IN_PROCESS) {
    ctx.addIssue({
      code: 'custom',
      path: ['SIMULATED_CLOCK'],
      message:
        'SIMULATED_CLOCK needs SCORING_IN_PROCESS=true: separate workers would stamp scores with the wall clock',
    });
  }
});
export type Env = z.infer<typeof EnvSchema>;

/** S3's largest single PUT; the store sends each file in one request. */
const S3_PUT_LIMIT_BYTES = 5 * 1024 ** 3;

function refineS3(env: z.infer<typeof EnvFieldsSchema>, ctx: z.RefinementCtx) {
  const url = new URL(env.S3_URL!);
  if (url.username || url.password) {
    ctx.addIssue({
      code: 'custom',
      path: ['S3_URL'],
      message: 'S3_URL must not hold credentials: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY',
    });
  }
  for (const key of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
    if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required with S3_URL` });
  }
  if (env.UPLOAD_LIMIT_BYTES > S3_PUT_LIMIT_BYTES) {
    ctx.addIssue({
      code: 'custom',
      path: ['UPLOAD_LIMIT_BYTES'],
      message: `UPLOAD_LIMIT_BYTES must be at most ${S3_PUT_LIMIT_BYTES} (5 GiB, S3's largest single upload) with S3_URL`,
    });
  }
}

/** Thrown when the environment is invalid; the message names every bad variable. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/**
 * What is wrong with a number or a choice, said as an operator reads it ("must be a whole number, not
 * 1.5") rather than as zod does ("Invalid input: expected int, received number"); undefined for the rest,
 * which zod or the schema's own messages say. `parseEnv` quotes the value given after these (a number or a
choice, never a secret).
 */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return `must be a whole number`;
      if (issue.expected === 'number') return `must be a number`;
      return undefined;
    case 'too_small':
      return issue.origin === 'number' ? `must be at least ${issue.minimum}` : undefined;
    case 'too_big':
      return issue.origin === 'number' ? `must be at most ${issue.maximum}` : undefined;
    case 'invalid_value':
      if (issue.expected === 'stringbool') return `must be true or false`;
      return `must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return undefined;
  }
}

/** Validates an environment; empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(
    Object.entries(source).filter(
      ([key, value]) => key in EnvSchema.shape && value !== undefined && value !== '',
    ),
  );
  const result = EnvSchema.safeParse(present, { error: plainMessage });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      // The value as written: zod's input is after coercion (NaN for "abc").
      const given = issue.message.startsWith('must be ') ? `, not ${JSON.stringify(present[name])}` : '';
      return `  ${name}: ${issue.message}${given}`;
    });
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  // npm runs workspace scripts inside the workspace; a relative DATA_DIR means relative to where the user
  // typed the command (npm's INIT_CWD), so `npm start` at the root keeps its data in ./.assay there.
  const base = source.INIT_CWD ?? process.cwd();
  return { ...result.data, DATA_DIR: path.resolve(base, result.data.DATA_DIR) };
}

/** For entry points: the validated environment, or the message on stderr and exit code 1. */
export function parseEnvOrExit(source: Record<string, string | undefined>): Env {
  try {
    return parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
