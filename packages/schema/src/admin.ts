import { z } from 'zod';
import { ACCOUNT_NAME_MAX_LENGTH, ACCOUNT_NAME_TOO_LONG_MESSAGE } from './account.ts';
import { DataRequestInputSchema } from './data-request.ts';

/** A member's role inside an organisation: an admin may also invite and remove its reviewers. */
export const MemberRoleSchema = z.enum(['reviewer', 'admin']);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

/** Creating an organisation (operators). */
export const OrganisationInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(2, 'Give the organisation a name of at least 2 characters')
    .max(200, 'Keep the organisation name to at most 200 characters'),
});
export type OrganisationInput = z.infer<typeof OrganisationInputSchema>;

/** Inviting someone to an organisation by email. */
export const InvitationInputSchema = z.strictObject({
  organisationId: z.uuid(),
  email: z.email('This is not an email address: write it as name@example.com').max(320).toLowerCase(),
  role: MemberRoleSchema.default('reviewer'),
});
export type InvitationInput = z.infer<typeof InvitationInputSchema>;

/** Changing a member's role in an organisation (operators, and the organisation's admins for others). */
export const MemberRoleInputSchema = z.strictObject({
  organisationId: z.uuid(),
  userId: z.uuid(),
  role: MemberRoleSchema,
});
export type MemberRoleInput = z.infer<typeof MemberRoleInputSchema>;

/** A new account's password: the same bounds better-auth enforces on sign-up. */
export const PasswordSchema = z
  .string()
  .min(8, 'Use a password of at least 8 characters')
  .max(128, 'Use a password of at most 128 characters');

// Said as an unknown token is (accept-invitation.ts), with what to do: a link cut short when it was
// copied is the usual way to get here.
const InvitationTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, 'No invitation matches this link; check it was copied whole');

/** The name of the account an invitation creates. */
export const AccountNameSchema = z
  .string({ error: 'Enter your name' })
  .trim()
  .min(1, 'Enter your name')
  .max(ACCOUNT_NAME_MAX_LENGTH, ACCOUNT_NAME_TOO_LONG_MESSAGE);

/**
 * Accepting an invitation with its token. For a new email this creates the account, and `name` is
 * required; a reviewer who already has an account proves it with their current password and leaves
 * `name` out (it is ignored).
 */
export const AcceptInvitationInputSchema = z.strictObject({
  token: InvitationTokenSchema,
  /** For a new account: its name and password. An existing reviewer accepts signed in, with neither. */
  name: AccountNameSchema.optional(),
  password: PasswordSchema.optional(),
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInputSchema>;

/** Looking an invitation up by its token, before accepting it. */
export const InvitationTokenInputSchema = z.strictObject({ token: InvitationTokenSchema });

/** What the holder of an invitation link sees before accepting it. */
export const InvitationViewSchema = z.object({
  organisationName: z.string(),
  email: z.string(),
  role: MemberRoleSchema,
  expiresAt: z.iso.datetime(),
  /** open: it can be accepted; used: it was accepted; expired: `expiresAt` has passed. */
  status: z.enum(['open', 'used', 'expired']),
  /**
   * The invited address's account: none (accepting creates it, with a name and a new password),
   * reviewer (accepting adds the membership, proven by the current password), or other (a contributor
   * or operator account, which cannot become a reviewer: accepting is refused).
   */
  account: z.enum(['none', 'reviewer', 'other']),
});
export type InvitationView = z.infer<typeof InvitationViewSchema>;

/** The shortest and longest reason an operator may give for suspending an account. */
export const SUSPENSION_REASON_MIN = 3;
export const SUSPENSION_REASON_MAX = 500;

/**
 * Suspending an account (operators): it is signed out at once and cannot sign in until reinstated. The
 * reason is for the operators (the Users page and the event log); the account holder is not shown it.
 */
export const SuspendUserInputSchema = z.strictObject({
  userId: z.uuid(),
  reason: z
    .string({ error: 'Give a reason for the suspension' })
    .trim()
    .min(1, { error: 'Give a reason for the suspension', abort: true })
    // Other operators read it later to know why: "x" told them nothing ("Spam" does).
    .min(
      SUSPENSION_REASON_MIN,
      `Give a reason other operators will understand: at least ${SUSPENSION_REASON_MIN} characters`,
    )
    .max(SUSPENSION_REASON_MAX, `Keep the reason to ${SUSPENSION_REASON_MAX} characters`),
});
export type SuspendUserInput = z.infer<typeof SuspendUserInputSchema>;

/** Reinstating a suspended account (operators): it may sign in again. */
export const ReinstateUserInputSchema = z.strictObject({ userId: z.uuid() });
export type ReinstateUserInput = z.infer<typeof ReinstateUserInputSchema>;

/** Sort orders `admin.user.list` accepts; anything else is rejected. */
export const UserSortSchema = z.enum(['createdAt', 'email', 'name']);
export type UserSort = z.infer<typeof UserSortSchema>;

/**
 * A partial change to a data request: the fields of {@link DataRequestInputSchema} without their
 * defaults, so a field left out stays as it is. Lives here because it is edited from admin screens.
 */
export const DataRequestPatchSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(DataRequestInputSchema.shape).map(([key, schema]) => [
      key,
      (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional(),
    ]),
  ) as {
    [K in keyof typeof DataRequestInputSchema.shape]: z.ZodOptional<
      (typeof DataRequestInputSchema.shape)[K] extends z.ZodDefault<infer T>
        ? T
        : (typeof DataRequestInputSchema.shape)[K]
    >;
  },
);
// Not checked here, reward against budget: a patch may hold one of them, and a request posted before the
// rule may be edited in its other fields. The server checks the pair when either changes.
export type DataRequestPatch = z.infer<typeof DataRequestPatchSchema>;
