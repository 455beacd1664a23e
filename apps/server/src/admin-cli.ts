import { PasswordSchema } from '@assay/schema';
import { z } from 'zod';
import { createOperator } from './admin/create-operator.ts';
import { findUserByEmail } from './admin/repository.ts';
import { reinstateUser } from './admin/suspension.ts';
import { parseEnvOrExit } from './env.ts';
import { AppError } from './errors.ts';
import { createLogger } from './logger.ts';
import { createServices, type Services } from './services.ts';

const USAGE = `Usage: npm run admin -- <command> <email>

  create-operator <email>   Creates an operator account. The password is taken from
                            ASSAY_OPERATOR_PASSWORD, or generated and printed once.
  reinstate <email>         Lifts the suspension of an account (the way back in when
                            every operator is suspended).

Uses the same DATA_DIR / DATABASE_URL as the server.`;

/**
 * Administration from the command line: creating the first operator, and reinstating a suspended account
 * when no operator can sign in to do it. Exit code 1 on any error.
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  if (command !== 'create-operator' && command !== 'reinstate') {
    console.error(`Unknown command '${command}'.\n\n${USAGE}`);
    return 1;
  }
  const email = z.email().safeParse(args[0]?.trim());
  if (!email.success || args.length !== 1) {
    console.error(`${command} needs exactly one email address.\n\n${USAGE}`);
    return 1;
  }
  if (command === 'reinstate') return reinstate(email.data.toLowerCase());
  // The operator's password is a one-off secret for this command, not server configuration, so it is
  // read here rather than in env.ts (which would keep it in the server's validated config for its life).
  const passwordFromEnv = process.env.ASSAY_OPERATOR_PASSWORD || undefined;
  if (passwordFromEnv !== undefined) {
    const checked = PasswordSchema.safeParse(passwordFromEnv);
    if (!checked.success) {
      console.error(`ASSAY_OPERATOR_PASSWORD: ${checked.error.issues[0]?.message}`);
      return 1;
    }
  }

  return withServices(async (services) => {
    const result = await createOperator(services, { email: email.data, password: passwordFromEnv });
    console.log(`Created operator ${result.email} (${result.userId}).`);
    if (result.generatedPassword) {
      console.log(`Password (shown once; sign in and keep it safe): ${result.generatedPassword}`);
    } else {
      console.log('Password: as given in ASSAY_OPERATOR_PASSWORD.');
    }
    return 0;
  });
}

/** Reinstates the account with this address (logged as `user.reinstated` with no operator). */
function reinstate(email: string): Promise<number> {
  return withServices(async (services) => {
    const user = await findUserByEmail(services.db, email);
    if (!user) {
      console.error(`No account has the address ${email}.`);
      return 1;
    }
    await reinstateUser(services.db, null, { userId: user.id });
    console.log(`Reinstated ${email}: it may sign in again.`);
    return 0;
  });
}

/**
 * Runs a command against the server's own services (same DATA_DIR / DATABASE_URL), closed afterwards. Start-up
 * logs are quietened so the output is the result; a refusal (AppError) is printed and exits 1.
 */
async function withServices(command: (services: Services) => Promise<number>): Promise<number> {
  const env = parseEnvOrExit(process.env);
  const services = await createServices(env, {
    logger: createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL),
  });
  try {
    return await command(services);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await services.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message ?? error);
    process.exit(1);
  },
);
