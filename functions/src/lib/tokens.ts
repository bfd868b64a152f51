import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { DomainError } from '@minsheng/shared';

const ISSUER = 'minsheng';

export interface CitizenClaims {
  caseNo: string;
}

/** Short-lived bearer tokens, HMAC-signed; a citizen token opens exactly one case. */
export function createTokenService(key: Uint8Array, citizenTokenMinutes: number) {
  return {
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

    async verifyCitizenToken(token: string, now: Date): Promise<CitizenClaims> {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: 'citizen',
          algorithms: ['HS256'],
          currentDate: now,
        });
        if (payload.scope !== 'citizen' || typeof payload.sub !== 'string') throw new DomainError('UNAUTHENTICATED');
        return { caseNo: payload.sub };
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw new DomainError('TOKEN_EXPIRED');
        if (error instanceof DomainError) throw error;
        throw new DomainError('UNAUTHENTICATED');
      }
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
