import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { DomainError, OFFICIAL_ROLES, type OfficialRole } from '@minsheng/shared';

const ISSUER = 'minsheng';

export interface CitizenClaims {
  caseNo: string;
}

/**
 * A citizen's "me" session: who they proved to be, never which cases (those are looked up from the
 * identity's links). `identity` is a keyed hash (services/citizen/identity.ts), never an openid or
 * phone number in the clear.
 */
export interface MeClaims {
  via: 'wechat' | 'phone';
  identity: string;
}

export interface OfficialClaims {
  username: string;
  role: OfficialRole;
  departmentId?: string;
  /** Must equal the account's current tokenVersion: disabling or resetting an account revokes its tokens. */
  tokenVersion: number;
}

/** Short-lived bearer tokens, HMAC-signed; a citizen token opens exactly one case. */
export function createTokenService(key: Uint8Array, citizenTokenMinutes: number, officialTokenMinutes = 60, meTokenMinutes = 120) {
  const verify = async (token: string, audience: string, now: Date) => {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience, algorithms: ['HS256'], currentDate: now });
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new DomainError('TOKEN_EXPIRED');
      throw new DomainError('UNAUTHENTICATED');
    }
  };
  return {
    async issueOfficialToken(claims: OfficialClaims, now: Date): Promise<{ token: string; expiresAt: Date }> {
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + officialTokenMinutes * 60;
      const token = await new SignJWT({ role: claims.role, tv: claims.tokenVersion, ...(claims.departmentId ? { dept: claims.departmentId } : {}) })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience('console')
        .setSubject(claims.username)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000) };
    },

    async verifyOfficialToken(token: string, now: Date): Promise<OfficialClaims> {
      const payload = await verify(token, 'console', now);
      const role = payload.role as OfficialRole;
      if (typeof payload.sub !== 'string' || !OFFICIAL_ROLES.includes(role) || typeof payload.tv !== 'number') throw new DomainError('UNAUTHENTICATED');
      return { username: payload.sub, role, tokenVersion: payload.tv, ...(typeof payload.dept === 'string' ? { departmentId: payload.dept } : {}) };
    },

    async issueCitizenToken(caseNo: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + citizenTokenMinutes * 60;
      const token = await new SignJWT({ scope: 'citizen' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience('citizen')
        .setSubject(caseNo)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000) };
    },

    /** A "me" session (WeChat login or a verified SMS code): lists and opens the identity's cases. */
    async issueMeToken(claims: MeClaims, now: Date): Promise<{ token: string; expiresAt: Date }> {
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + meTokenMinutes * 60;
      const token = await new SignJWT({ scope: 'me', via: claims.via })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience('me')
        .setSubject(claims.identity)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000) };
    },

    async verifyMeToken(token: string, now: Date): Promise<MeClaims> {
      const payload = await verify(token, 'me', now);
      if (payload.scope !== 'me' || typeof payload.sub !== 'string' || (payload.via !== 'wechat' && payload.via !== 'phone')) throw new DomainError('UNAUTHENTICATED');
      return { via: payload.via, identity: payload.sub };
    },

    async verifyCitizenToken(token: string, now: Date): Promise<CitizenClaims> {
      const payload = await verify(token, 'citizen', now);
      if (payload.scope !== 'citizen' || typeof payload.sub !== 'string') throw new DomainError('UNAUTHENTICATED');
      return { caseNo: payload.sub };
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
