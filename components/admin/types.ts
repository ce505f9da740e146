import type { TResult } from "@/lib/errors";
import type { TAccountStatus, TRole } from "@/lib/accounts/roles";
import type { TPolicyFloor } from "@/lib/policy/floor";
import type { TSignupMode } from "@/lib/instance/signup-modes";
import type { TAccountLimitsView } from "@/lib/accounts/limits";
import type { TLimitsForm } from "@/lib/keys/guardrails-schema";

export type TUpdateUserRoleAction = (input: { userId: string; role: TRole }) => Promise<TResult<TAccountStatus>>;
export type TUpdateUserDisabledAction = (input: {
  userId: string;
  isDisabled: boolean;
}) => Promise<TResult<TAccountStatus>>;
export type TDeleteUserAction = (input: { userId: string }) => Promise<TResult<{ userId: string }>>;
export type TCreateInvitationAction = (input: {
  expiresInDays: number;
}) => Promise<TResult<{ link: string; expiresAt: string }>>;
export type TDeleteInvitationAction = (input: { id: string }) => Promise<TResult<{ id: string }>>;
export type TUpdateSignupModeAction = (input: { mode: TSignupMode }) => Promise<TResult<{ signupMode: TSignupMode }>>;
export type TUpdatePolicyFloorAction = (input: TPolicyFloor) => Promise<TResult<TPolicyFloor>>;
export type TUpdateUserLimitsAction = (input: {
  userId: string;
  /** null removes every limit. */
  limits: TLimitsForm | null;
}) => Promise<TResult<TAccountLimitsView>>;
