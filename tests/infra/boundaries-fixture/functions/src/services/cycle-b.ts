// Breaks no-circular-backend (with cycle-a.ts): cycle-b → cycle-a → cycle-b.
import { a } from './cycle-a';

export const b = () => a;
