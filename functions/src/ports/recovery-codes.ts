/**
 * One-time codes sent by SMS to recover access by the phone given at filing. Stored under the
 * phone's keyed hash (`tel:…`), as a keyed hash of the code, with an expiry and a tries counter.
 */
export interface RecoveryCode {
  identity: string;
  codeHash: string;
  /** Epoch ms after which the code no longer works. */
  expiresAt: number;
  /** Tries counted so far (each verify counts one before the code is compared). */
  tries: number;
}

export interface RecoveryCodeStore {
  /** Store a fresh code for the identity (replaces any earlier one). */
  putCode(code: RecoveryCode): Promise<void>;
  getCode(identity: string): Promise<RecoveryCode | undefined>;
  /** Count one try atomically; the tries now, or undefined when there is no code. */
  countTry(identity: string): Promise<number | undefined>;
  /** Remove the code if it is still the one with `codeHash`; true when this call removed it (a code is used once). */
  removeCode(identity: string, codeHash: string): Promise<boolean>;
}
