import type { FastifyRequest } from 'fastify';
import { AppError } from '@netra/shared';
import { TokenVerificationError } from '@netra/shared/auth';
import { authErrors } from './errors.js';
import type { AuthContext } from '#context.js';
import { findUserById } from '#platform/stores/auth.repository.js';
import type { UserRow } from '#platform/stores/schema.js';
import { accessTokenOf } from './client.js';

/** The user behind the request's bearer token; 401 with the verifier's reason otherwise. */
export async function currentUser(ctx: AuthContext, request: FastifyRequest): Promise<UserRow> {
  let subject: string;
  try {
    subject = (await ctx.verifyAccessToken(accessTokenOf(request))).sub;
  } catch (error) {
    if (error instanceof TokenVerificationError) {
      throw new AppError(401, error.code, error.message);
    }
    throw error;
  }
  const user = await findUserById(ctx.db, subject);
  if (user?.active !== true) {
    throw authErrors.accountDisabled();
  }
  return user;
}
