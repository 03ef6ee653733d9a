import { z } from 'zod';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomToken(bytes: number): string {
  const data = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(data);
  // base64url without padding, written out so that it runs the same in Node and the browser.
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(value >> bits) & 63];
    }
  }
  if (bits > 0) out += ALPHABET[(value << (6 - bits)) & 63];
  return out;
}

/** A board id: 128 bits from a CSPRNG, base64url (22 characters). */
export const boardIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'A board id is 22 characters of A–Z, a–z, 0–9, "-" and "_".');

export function newBoardId(): string {
  return randomToken(16);
}

/** An item id: 96 random bits (16 characters); step ids are fixed (`step-1` … `step-10`). */
export const itemIdSchema = z
  .string()
  .regex(/^(?:[A-Za-z0-9_-]{16}|step-(?:[1-9]|10))$/, 'Not a valid item id.');

export function newItemId(): string {
  return randomToken(12);
}
