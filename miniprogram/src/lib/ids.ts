/** A fresh Idempotency-Key (8–128 printable ASCII): time + randomness, unique per submission. */
export function newIdempotencyKey(): string {
  const random = () => Math.floor(Math.random() * 2 ** 32).toString(36).padStart(7, '0');
  return `mp-${Date.now().toString(36)}-${random()}${random()}${random()}`;
}
