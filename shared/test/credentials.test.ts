import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CASE_NO_PATTERN,
  PASSWORD_ALPHABET,
  PASSWORD_LENGTH,
  formatCaseNo,
  normalizeCaseNo,
  normalizePassword,
  passwordFromBytes,
} from '../src';

const bytes = (...values: number[]) => Uint8Array.from(values);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('PASSWORD_ALPHABET', () => {
  it.each(['0', 'O', '1', 'I', 'L', 'o', 'i', 'l'])('has no easily misread %s', (ch) => {
    expect(PASSWORD_ALPHABET).not.toContain(ch);
  });

  it('is 31 distinct upper-case letters and digits', () => {
    expect(PASSWORD_ALPHABET).toMatch(/^[2-9A-Z]+$/);
    expect(new Set(PASSWORD_ALPHABET).size).toBe(PASSWORD_ALPHABET.length);
    expect(PASSWORD_ALPHABET.length).toBe(31);
  });
});

describe('passwordFromBytes', () => {
  it('makes an 8-character password from the alphabet only', () => {
    expect(PASSWORD_LENGTH).toBe(8);
    for (let i = 0; i < 200; i++) {
      const password = passwordFromBytes(randomBytes(32));
      expect(password).toBeDefined();
      expect(password).toHaveLength(8);
      for (const ch of password!) expect(PASSWORD_ALPHABET).toContain(ch);
    }
  });

  it('maps each accepted byte onto the alphabet in order', () => {
    expect(passwordFromBytes(bytes(0, 1, 2, 3, 4, 5, 6, 7))).toBe('23456789');
    expect(passwordFromBytes(bytes(8, 9, 30, 31, 32, 61, 62, 247))).toBe('ABZ23Z2Z');
  });

  it('skips biased bytes (>= 248) instead of wrapping them onto the alphabet', () => {
    expect(passwordFromBytes(bytes(248, 249, 250, 251, 252, 253, 254, 255, 0, 1, 2, 3, 4, 5, 6, 7))).toBe('23456789');
    expect(passwordFromBytes(bytes(0, 255, 1, 248, 2, 3, 4, 5, 6, 7))).toBe('23456789');
  });

  it('returns undefined when too few unbiased bytes are given', () => {
    expect(passwordFromBytes(bytes(248, 249, 250, 251, 252, 253, 254, 255))).toBeUndefined();
    expect(passwordFromBytes(bytes(1, 2, 3, 4, 5, 6, 7))).toBeUndefined();
    expect(passwordFromBytes(new Uint8Array(0))).toBeUndefined();
  });

  it('is unbiased: every accepted byte value is used and each character comes from exactly 8 of them', () => {
    const counts = new Map<string, number>();
    for (const b of range(0, 256)) {
      const ch = passwordFromBytes(bytes(b), 1);
      if (b >= 248) {
        expect(ch, `byte ${b}`).toBeUndefined();
        continue;
      }
      expect(ch, `byte ${b}`).toBeDefined();
      counts.set(ch!, (counts.get(ch!) ?? 0) + 1);
    }
    expect(counts.size).toBe(31);
    expect([...counts.values()].every((n) => n === 8)).toBe(true);
  });

  it('honours another length', () => {
    expect(passwordFromBytes(bytes(...range(0, 12)), 12)).toBe('23456789ABCD');
  });
});

describe('normalizePassword', () => {
  it.each([
    ['abcd-efgh ', 'ABCDEFGH'],
    ['ABCD EFGH', 'ABCDEFGH'],
    [' abcd - efgh\t', 'ABCDEFGH'],
    ['ABCDEFGH', 'ABCDEFGH'],
  ])('%j → %s', (input, expected) => {
    expect(normalizePassword(input)).toBe(expected);
  });

  it('a password shown in groups matches what was issued', () => {
    const issued = passwordFromBytes(bytes(...range(20, 28)))!;
    const typed = `${issued.slice(0, 4).toLowerCase()} - ${issued.slice(4)}`;
    expect(normalizePassword(typed)).toBe(issued);
  });
});

describe('case numbers', () => {
  it('formatCaseNo joins the Shanghai date and the random digits', () => {
    const caseNo = formatCaseNo('2026-11-21', '483920');
    expect(caseNo).toBe('20261121483920');
    expect(caseNo).toMatch(CASE_NO_PATTERN);
  });

  it.each(['2026112148392', '202611214839201', '2026112148392A', '2026-11-21483920', ' 20261121483920', ''])(
    'CASE_NO_PATTERN rejects %j',
    (s) => {
      expect(CASE_NO_PATTERN.test(s)).toBe(false);
    },
  );

  it('normalizeCaseNo drops the spaces people type', () => {
    expect(normalizeCaseNo(' 2026 1121 483920 ')).toBe('20261121483920');
    expect(normalizeCaseNo(' 2026 1121 483920 ')).toMatch(CASE_NO_PATTERN);
  });
});
